package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.PartOutcome;
import io.buildout4j.engine.RunFailedException;
import io.buildout4j.engine.RunReport;
import io.buildout4j.profile.Profile;
import io.buildout4j.profile.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A buildout directory for the download recipes' tests, run through the real engine (and its
 * download service) with the download and download-unpacked recipes.
 */
final class RecipeTestBuildout {
  final Path directory;

  RecipeTestBuildout(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
  }

  RecipeTestBuildout profile(String text) throws IOException {
    Files.writeString(directory.resolve("buildout.cfg"), text);
    return this;
  }

  Buildout engine() {
    return Buildout.builder(directory.resolve("buildout.cfg"))
        .loader(Profiles.loader().userDefaults(false).workingDirectory(directory))
        .recipe(new DownloadRecipe())
        .recipe(new DownloadUnpackedRecipe())
        .build();
  }

  RunReport install() {
    return engine().install();
  }

  /** The message of the install's failure. */
  String installFails() {
    return assertThrows(RunFailedException.class, this::install).getMessage();
  }

  Profile profile() {
    return engine().loadProfile();
  }

  List<String> actions(RunReport report) {
    return report.outcomes().stream()
        .map(
            o ->
                o.action().label()
                    + " "
                    + o.part()
                    + (o.status() == PartOutcome.Status.DONE ? "" : " " + o.status()))
        .toList();
  }

  String installed() throws IOException {
    Path file = directory.resolve(".installed.cfg");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  Path part(String name) {
    return directory.resolve("parts").resolve(name);
  }
}

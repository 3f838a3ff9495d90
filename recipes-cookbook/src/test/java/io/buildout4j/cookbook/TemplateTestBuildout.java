package io.buildout4j.cookbook;

import io.buildout4j.engine.BuildListener;
import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.Plan;
import io.buildout4j.engine.RunReport;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * A throw-away buildout directory for the tests of the template, jinja2, mkdirectory, wrapper and
 * command recipes: writes files and the profile, runs the real engine (the cookbook's recipes come
 * from the class path, downloads from {@link TemplateTestDownloads} unless {@link
 * #engineDownloads()}), and keeps what the parts logged.
 */
final class TemplateTestBuildout {
  final Path directory;
  final TemplateTestDownloads downloads;
  final List<String> output = Collections.synchronizedList(new ArrayList<>());
  final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private boolean engineDownloads;

  TemplateTestBuildout(Path directory) {
    this.directory = directory;
    this.downloads = new TemplateTestDownloads(directory);
  }

  /** Uses the engine's own download service (cache, HTTP) instead of the local test one. */
  TemplateTestBuildout engineDownloads() {
    engineDownloads = true;
    return this;
  }

  TemplateTestBuildout profile(String text) throws IOException {
    return file("buildout.cfg", text);
  }

  TemplateTestBuildout file(String name, String text) throws IOException {
    Path path = directory.resolve(name);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text, StandardCharsets.UTF_8);
    return this;
  }

  Buildout buildout() {
    Buildout.Builder builder =
        Buildout.builder(directory.resolve("buildout.cfg"))
            .loader(Profiles.loader().userDefaults(false).workingDirectory(directory));
    if (!engineDownloads) {
      builder.downloads(downloads);
    }
    return builder
        .listener(
            new BuildListener() {
              @Override
              public void partOutput(String part, String line) {
                output.add(part + ": " + line);
              }

              @Override
              public void partStarted(String part, io.buildout4j.engine.Action action) {
                events.add(action.label() + " " + part);
              }
            })
        .build();
  }

  RunReport install() {
    output.clear();
    events.clear();
    return buildout().install();
  }

  Plan plan() {
    return buildout().plan();
  }

  /** Installs, expecting a failure (of a part, or of a recipe being created); its message. */
  String installFails() {
    output.clear();
    events.clear();
    BuildoutException failure = Assertions.assertThrows(BuildoutException.class, this::install);
    return failure.getMessage();
  }

  String read(String name) throws IOException {
    return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
  }

  String mode(String name) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(name)));
  }

  boolean exists(String name) {
    return Files.exists(directory.resolve(name));
  }

  String installedCfg() throws IOException {
    return read(".installed.cfg");
  }

  String log(String part) throws IOException {
    return read(".buildout4j/logs/" + part + ".log");
  }
}

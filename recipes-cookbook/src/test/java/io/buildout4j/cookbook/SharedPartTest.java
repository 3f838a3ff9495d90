package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.RunFailedException;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shared parts: installed once per set of inputs, reused by other buildouts, never half-made. */
class SharedPartTest {
  @TempDir Path work;

  private Path buildout(String name, String profile) throws IOException {
    Path directory = Files.createDirectories(work.resolve(name));
    Files.writeString(
        directory.resolve("buildout.cfg"),
        profile
            .replace("SHARED", work.resolve("shared").toString())
            .replace("LOG", log().toString()));
    return directory;
  }

  private Path log() {
    return work.resolve("builds.log");
  }

  private List<String> builds() throws IOException {
    return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
  }

  private static Buildout engine(Path directory) {
    return Buildout.builder(directory.resolve("buildout.cfg"))
        .loader(Profiles.loader().userDefaults(false))
        .build();
  }

  private static String location(Path directory, String part) {
    return engine(directory).loadProfile().get(part, "location");
  }

  private static final String PROFILE =
      """
      [buildout]
      parts = lib app
      shared-part-list = SHARED

      [lib]
      recipe = test-shared:files
      shared = true
      content = library 1
      build-log = LOG

      [app]
      recipe = test-shared:files
      shared = true
      content = uses ${lib:file}
      build-log = LOG
      """;

  @Test
  void aSecondBuildoutWithTheSameInputsReusesTheSharedParts() throws IOException {
    Path first = buildout("first", PROFILE);
    Path second = buildout("second", PROFILE);
    engine(first).install();
    assertEquals(List.of("lib", "app"), builds());
    String lib = location(first, "lib");
    assertTrue(lib.startsWith(work.resolve("shared/lib/").toString()), lib);
    assertTrue(Files.exists(Path.of(lib, SharedPart.MARKER)));
    String marker = Files.readString(Path.of(lib, SharedPart.MARKER));
    assertTrue(marker.contains("\"content\": \"library 1\""), marker);

    engine(second).install();
    assertEquals(List.of("lib", "app"), builds(), "nothing was built again");
    assertEquals(lib, location(second, "lib"));
    assertEquals(location(first, "app"), location(second, "app"));
  }

  @Test
  void changedInputsGiveANewSharedPartAndChangeTheDependentsHashToo() throws IOException {
    Path first = buildout("first", PROFILE);
    Path second = buildout("second", PROFILE.replace("library 1", "library 2"));
    assertNotEquals(location(first, "lib"), location(second, "lib"));
    assertNotEquals(location(first, "app"), location(second, "app"));
  }

  @Test
  void theProfileBaseLocationIsNormalisedOut() throws IOException {
    String profile =
        PROFILE.replace("content = library 1", "content = ${:_profile_base_location_}/x");
    Path first = buildout("first", profile);
    Path second = buildout("second", profile);
    assertEquals(location(first, "lib"), location(second, "lib"));
  }

  @Test
  void uninstallingLeavesSharedPartsAndAnInterruptedInstallIsRebuilt() throws IOException {
    Path first = buildout("first", PROFILE);
    engine(first).install();
    Path lib = Path.of(location(first, "lib"));
    Files.writeString(
        first.resolve("buildout.cfg"),
        PROFILE
            .replace("parts = lib app", "parts =")
            .replace("SHARED", work.resolve("shared").toString())
            .replace("LOG", log().toString()));
    engine(first).install();
    assertTrue(Files.exists(lib.resolve("file")), "uninstalling leaves the shared part");

    Files.delete(lib.resolve(SharedPart.MARKER));
    Path second = buildout("second", PROFILE);
    engine(second).install();
    assertEquals(List.of("lib", "app", "lib"), builds(), "the unfinished lib was rebuilt");
    assertTrue(Files.exists(lib.resolve(SharedPart.MARKER)));
  }

  @Test
  void aFailedSharedBuildLeavesNothingThatLooksFinished() throws IOException {
    Path first =
        buildout(
            "first", PROFILE.replace("content = library 1", "content = library 1\nfail = true"));
    assertThrows(RunFailedException.class, () -> engine(first).install());
    assertFalse(Files.exists(Path.of(location(first, "lib"))));
  }

  @Test
  void sharedWithoutASharedPartListIsAnOrdinaryPartAsInSlapos() throws IOException {
    Path first = buildout("first", PROFILE.replace("shared-part-list = SHARED\n", ""));
    engine(first).install();
    assertEquals(first.resolve("parts/lib").toString(), location(first, "lib"));
    assertTrue(Files.exists(first.resolve("parts/lib/file")));
  }

  @Test
  void aSharedPartCannotChooseItsLocation() throws IOException {
    Path first =
        buildout(
            "first",
            PROFILE.replace(
                "shared = true\ncontent = library 1",
                "shared = true\nlocation = /x\ncontent = library 1"));
    BuildoutException e = assertThrows(BuildoutException.class, () -> engine(first).plan());
    assertTrue(
        e.getMessage().startsWith("lib:location cannot be given for a shared part"),
        e.getMessage());
  }
}

package io.buildout4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.profile.BuildoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRepositoryTest {
  @TempDir Path work;

  private static final String PROFILE =
      """
      [buildout]
      parts = echo
      recipe-local-repository = REPOSITORY

      [versions]
      echo = 1.0

      [echo]
      recipe = org.example:echo
      text = by coordinates
      """;

  @Test
  void aRecipeInstalledInTheRepositoryIsFoundByItsCoordinatesOffline() throws IOException {
    LocalRepository repository = new LocalRepository(work.resolve("repository"));
    Path jar = RecipeJar.pack(CompiledRecipe.compile(work, "1.0"), work.resolve("echo.jar"));

    Path installed = repository.install("org.example:echo:1.0", jar);

    assertEquals(repository.root().resolve("org/example/echo/1.0/echo-1.0.jar"), installed);
    assertTrue(
        Files.isRegularFile(repository.directory("org.example:echo:1.0").resolve("echo-1.0.pom")));
    TestBuildout buildout =
        TestBuildout.builder(work.resolve("buildout"))
            .offline(true)
            .build()
            .profile(PROFILE.replace("REPOSITORY", repository.root().toString()));
    buildout.install();
    assertEquals("1.0 by coordinates", buildout.read("parts/echo.txt"));
    String signature = buildout.installed().part("echo").signature();
    assertTrue(signature.startsWith("org.example:echo:1.0:"), signature);
  }

  @Test
  void aRecipeMissingFromTheRepositoryIsAnErrorNamingItsCoordinates() {
    LocalRepository repository = new LocalRepository(work.resolve("repository"));
    TestBuildout buildout =
        TestBuildout.builder(work.resolve("buildout"))
            .offline(true)
            .build()
            .profile(PROFILE.replace("REPOSITORY", repository.root().toString()));

    BuildoutException e = buildout.installFails();

    assertTrue(e.getMessage().contains("org.example:echo:1.0"), e.getMessage());
  }

  @Test
  void malformedCoordinatesAndMissingJarsAreRefused() {
    LocalRepository repository = new LocalRepository(work.resolve("repository"));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> repository.install("org.example:echo", work.resolve("echo.jar")));
    assertEquals(
        "Not Maven coordinates: 'org.example:echo' (expected GROUP:ARTIFACT:VERSION)",
        e.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> repository.install("org.example:echo:1.0", work.resolve("echo.jar")));
    assertEquals(
        "No jar at " + work.resolve("echo.jar") + " to install as org.example:echo:1.0",
        missing.getMessage());
  }
}

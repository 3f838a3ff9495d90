package io.buildout4j.samples.customrecipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.testkit.InstalledParts;
import io.buildout4j.testkit.LocalRepository;
import io.buildout4j.testkit.RecipeJar;
import io.buildout4j.testkit.TestBuildout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample profile with the recipe by Maven coordinates, {@code recipe =
 * io.buildout4j:buildout4j-sample-custom-recipe:properties} and the version from {@code
 * [versions]}, resolved offline from a local repository holding this module's jar, as after {@code
 * mvn install}. Maven runs tests before it packages the module, so the test packs the jar itself
 * from {@code target/classes}.
 */
class UseByCoordinatesTest {
  @TempDir Path work;

  private LocalRepository repository() {
    LocalRepository repository = new LocalRepository(work.resolve("repository"));
    Path jar = RecipeJar.pack(Sample.classes(), work.resolve("recipe.jar"));
    repository.install(Sample.ARTIFACT + ":" + Sample.version(), jar);
    return repository;
  }

  private TestBuildout buildout(String profile) {
    return TestBuildout.builder(work.resolve("buildout"))
        .offline(true)
        // the profile pins the version of its day; test the version being built
        .override("versions:buildout4j-sample-custom-recipe=" + Sample.version())
        .build()
        .profile(profile);
  }

  @Test
  void theSampleProfileInstallsWithTheRecipeFromALocalMavenRepository() throws IOException {
    LocalRepository repository = repository();
    TestBuildout buildout =
        buildout(
            """
            [buildout]
            extends = PROFILE
            recipe-local-repository = REPOSITORY
            """
                .replace("PROFILE", Sample.profile().toString())
                .replace("REPOSITORY", repository.root().toString()));

    buildout.install();

    InstalledParts installed = buildout.installed();
    assertEquals(List.of("database-config", "app-config"), installed.names());
    for (String part : installed.names()) {
      String signature = installed.part(part).signature();
      assertTrue(
          signature.startsWith(Sample.ARTIFACT + ":" + Sample.version() + ":"),
          "from the repository: " + signature);
    }
    assertEquals(
        buildout.file("parts/database-config.properties").toString(),
        Sample.load(buildout.file("etc/app.properties")).getProperty("database.config"));
  }

  @Test
  void theVersionAndTheEntryMayBeWrittenInTheRecipeName() throws IOException {
    LocalRepository repository = repository();
    TestBuildout buildout =
        buildout(
            """
            [buildout]
            parts = with-entry only-factory
            recipe-local-repository = REPOSITORY

            [with-entry]
            recipe = ARTIFACT:VERSION:properties
            properties = a = 1

            [only-factory]
            recipe = ARTIFACT:VERSION
            properties = b = 2
            """
                .replace("REPOSITORY", repository.root().toString())
                .replace("ARTIFACT", Sample.ARTIFACT)
                .replace("VERSION", Sample.version()));

    buildout.install();

    assertEquals("1", Sample.load(buildout.file("parts/with-entry.properties")).getProperty("a"));
    assertEquals("2", Sample.load(buildout.file("parts/only-factory.properties")).getProperty("b"));
  }
}

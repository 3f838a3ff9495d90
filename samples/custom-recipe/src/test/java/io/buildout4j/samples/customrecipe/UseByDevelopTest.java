package io.buildout4j.samples.customrecipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.Action;
import io.buildout4j.engine.PartPlan;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.testkit.InstalledParts;
import io.buildout4j.testkit.TestBuildout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample profile with the recipe from a local build, {@code [buildout] develop =
 * target/classes}: how a recipe is tried from a checkout before it is released (SlapOS's "use a
 * recipe from a git repository").
 */
class UseByDevelopTest {
  @TempDir Path work;

  /**
   * A buildout that extends the sample profile, with an empty local Maven repository and offline,
   * so that the recipe can come from nowhere but {@code develop}.
   */
  private TestBuildout buildout(String develop) throws IOException {
    Path emptyRepository = Files.createDirectories(work.resolve("empty-repository"));
    return TestBuildout.builder(work.resolve("buildout"))
        .offline(true)
        .build()
        .profile(
            """
            [buildout]
            extends = PROFILE
            DEVELOP
            recipe-local-repository = REPOSITORY
            """
                .replace("PROFILE", Sample.profile().toString())
                .replace("DEVELOP", develop)
                .replace("REPOSITORY", emptyRepository.toString()));
  }

  @Test
  void theSampleProfileInstallsWithTheRecipeFromTheModulesClassesDirectory() throws IOException {
    TestBuildout buildout = buildout("develop = " + Sample.classes());

    buildout.install();

    InstalledParts installed = buildout.installed();
    assertEquals(List.of("database-config", "app-config"), installed.names());
    for (String part : installed.names()) {
      String signature = installed.part(part).signature();
      assertTrue(signature.startsWith("classes-"), "from develop: " + signature);
    }
    Path database = buildout.file("parts/database-config.properties");
    assertEquals(database.toString(), installed.part("database-config").option("location"));
    Properties app = Sample.load(buildout.file("etc/app.properties"));
    assertEquals("8080", app.getProperty("server.port"));
    assertEquals(database.toString(), app.getProperty("database.config"));
    assertEquals("app", Sample.load(database).getProperty("user"));
    assertTrue(buildout.log("app-config").contains("Wrote 2 properties to "));
  }

  @Test
  void withoutDevelopTheRecipeIsNotFoundSoTheOtherTestsUseTheDevelopBuild() throws IOException {
    TestBuildout buildout = buildout("");

    BuildoutException e = buildout.installFails();

    assertTrue(e.getMessage().contains(Sample.ARTIFACT + ":0.1.0-SNAPSHOT"), e.getMessage());
    assertTrue(buildout.installed().isEmpty());
  }

  @Test
  void aNewBuildOfTheDevelopClassesReinstallsThePartsThatUseIt() throws IOException {
    Path checkout = copy(Sample.classes(), work.resolve("checkout/target/classes"));
    TestBuildout buildout = buildout("develop = " + checkout);
    buildout.install();
    assertEquals(Action.UPDATE, buildout.plan("app-config").action());

    Files.writeString(checkout.resolve("build-info.txt"), "a new build\n");

    for (String part : List.of("database-config", "app-config")) {
      PartPlan planned = buildout.plan(part);
      assertEquals(Action.REINSTALL, planned.action(), part);
      assertTrue(planned.reason().startsWith("recipe code changed"), planned.reason());
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.sorted().toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return to;
  }
}

package io.buildout4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.Action;
import io.buildout4j.engine.PartPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeJarTest {
  @TempDir Path work;

  @Test
  void aPackedJarIsADevelopEntryAndANewBuildOfItReinstallsItsParts() throws IOException {
    Path classes = CompiledRecipe.compile(work.resolve("v1"), "v1");
    TestBuildout buildout = TestBuildout.builder(work.resolve("buildout")).build();
    RecipeJar.pack(classes, buildout.file("develop/echo.jar"));
    buildout.profile(
        """
        [buildout]
        develop = develop/echo.jar
        parts = echo

        [echo]
        recipe = packed.echo
        text = hello
        """);

    buildout.install();
    assertEquals("v1 hello", buildout.read("parts/echo.txt"));
    assertTrue(
        buildout.installed().part("echo").signature().startsWith("echo.jar-"),
        buildout.installed().part("echo").signature());
    assertEquals(Action.UPDATE, buildout.plan("echo").action());

    RecipeJar.pack(
        CompiledRecipe.compile(work.resolve("v2"), "v2"), buildout.file("develop/echo.jar"));
    PartPlan planned = buildout.plan("echo");
    assertEquals(Action.REINSTALL, planned.action());
    assertTrue(planned.reason().startsWith("recipe code changed"), planned.reason());
    buildout.install();
    assertEquals("v2 hello", buildout.read("parts/echo.txt"));
  }

  @Test
  void theSameClassesGiveTheSameJar() throws IOException {
    Path classes = CompiledRecipe.compile(work, "v1");

    Path first = RecipeJar.pack(classes, work.resolve("first.jar"));
    Path second = RecipeJar.pack(classes, work.resolve("second.jar"));

    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
  }

  @Test
  void classesThatRegisterNoRecipeAreRefused() throws IOException {
    Path classes = Files.createDirectories(work.resolve("classes"));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RecipeJar.pack(classes, work.resolve("empty.jar")));

    assertEquals(
        classes
            + " has no META-INF/services/io.buildout4j.recipe.RecipeFactory:"
            + " the engine would find no recipe in the jar",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RecipeJar.pack(work.resolve("missing"), work.resolve("x.jar")));
  }
}

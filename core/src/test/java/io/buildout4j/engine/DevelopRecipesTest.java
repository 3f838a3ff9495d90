package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.profile.BuildoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [buildout] develop}: recipes from a directory of classes (a local build, as buildout's
 * develop eggs), loaded in a class loader that sees only the recipe SPI, and preferred over recipes
 * of the same name on the engine's class path.
 */
class DevelopRecipesTest {
  /** One part made by the compiled recipe, named {@code example:writer}, from develop. */
  private static final String WRITER_PROFILE =
      """
      [buildout]
      develop = recipe-classes
      parts = w

      [w]
      recipe = example:writer
      """;

  @TempDir Path directory;
  EngineFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new EngineFixture(directory);
  }

  /** Compiles a recipe named {@code names} that writes {@code text} to parts/PART.txt. */
  private void compileRecipe(String text, String... names) throws IOException {
    Path sources = directory.resolve("recipe-src");
    Path classes = directory.resolve("recipe-classes");
    Files.createDirectories(sources.resolve("example"));
    Files.createDirectories(classes.resolve("META-INF/services"));
    String quotedNames = String.join("\", \"", names);
    Files.writeString(
        sources.resolve("example/Writer.java"),
        """
        package example;

        import io.buildout4j.recipe.*;
        import java.nio.file.*;
        import java.util.*;

        public class Writer implements RecipeFactory {
          public Set<String> names() { return Set.of("%s"); }

          public Recipe create(Part part) {
            Path file = part.directories().parts().resolve(part.name() + ".txt");
            part.options().set("file", file.toString());
            try {
              Class.forName("io.buildout4j.profile.Profile");
              part.options().set("sees-core", "yes");
            } catch (ClassNotFoundException e) {
              part.options().set("sees-core", "no");
            }
            return () -> {
              part.created(file);
              Files.writeString(file, "%s");
              return List.of(file);
            };
          }

          public Uninstaller uninstaller() {
            return recorded -> Files.writeString(
                recorded.directory().resolve(recorded.name() + ".uninstalled"), "by develop");
          }
        }
        """
            .formatted(quotedNames, text));
    Files.writeString(
        classes.resolve("META-INF/services/io.buildout4j.recipe.RecipeFactory"),
        "example.Writer\n");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status =
        compiler.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            sources.resolve("example/Writer.java").toString());
    assertEquals(0, status, "the recipe compiles");
  }

  @Test
  void aDevelopRecipeInstallsInItsOwnClassLoaderAndItsChangesReinstall() throws IOException {
    compileRecipe("first", "example:writer");
    fixture.profile(WRITER_PROFILE);
    fixture.install();
    assertEquals("first", Files.readString(directory.resolve("parts/w.txt")));
    String signature =
        fixture.state().part("w").orElseThrow().options().get("__buildout_signature__");
    assertTrue(signature.startsWith("recipe-classes-"), signature);
    assertEquals("no", fixture.state().part("w").orElseThrow().options().get("sees-core"));

    assertEquals(Action.UPDATE, fixture.plan().part("w").action());
    compileRecipe("second", "example:writer");
    PartPlan planned = fixture.plan().part("w");
    assertEquals(Action.REINSTALL, planned.action());
    assertTrue(planned.reason().startsWith("recipe code changed"), planned.reason());
    fixture.install();
    assertEquals("second", Files.readString(directory.resolve("parts/w.txt")));
    assertNotEquals(
        signature, fixture.state().part("w").orElseThrow().options().get("__buildout_signature__"));
  }

  @Test
  void anUninstallOnlyRunStillRunsTheDevelopRecipesUninstaller() throws IOException {
    compileRecipe("first", "example:writer");
    fixture.profile(WRITER_PROFILE);
    fixture.install();
    fixture.builder().build().uninstall(List.of());
    assertEquals("by develop", Files.readString(directory.resolve("w.uninstalled")));
    assertTrue(Files.notExists(directory.resolve("parts/w.txt")));
  }

  @Test
  void aDevelopRecipeWinsOverTheClassPathRecipeOfTheSameName() throws IOException {
    compileRecipe("from develop", "test:files");
    fixture.profile(
        """
        [buildout]
        develop = recipe-classes
        parts = w

        [w]
        recipe = test:files
        """);
    fixture.install();
    assertEquals("from develop", Files.readString(directory.resolve("parts/w.txt")));
    assertEquals(List.of(), io.buildout4j.engine.testing.CallLog.calls());
  }

  @Test
  void aMissingDevelopEntryIsNamed() throws IOException {
    fixture.profile(
        """
        [buildout]
        develop = nowhere
        parts = w

        [w]
        recipe = test:files
        """);
    BuildoutException e = assertThrows(BuildoutException.class, fixture::plan);
    assertTrue(
        e.getMessage().startsWith("Couldn't develop 'nowhere' (not found at "), e.getMessage());
  }
}

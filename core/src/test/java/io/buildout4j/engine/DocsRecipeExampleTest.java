package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example recipe of docs/writing-recipes.md, compiled and run exactly as the page shows. */
class DocsRecipeExampleTest {
  @TempDir Path directory;

  /** The fenced blocks of a Markdown page whose opening fence is {@code ```LANGUAGE}. */
  static List<String> blocks(String markdown, String language) {
    List<String> blocks = new ArrayList<>();
    String open = null;
    StringBuilder current = new StringBuilder();
    for (String line : markdown.split("\n", -1)) {
      if (open == null && line.startsWith("```")) {
        open = line.substring(3);
        current = new StringBuilder();
      } else if (open != null && line.equals("```")) {
        if (open.equals(language)) {
          blocks.add(current.toString());
        }
        open = null;
      } else if (open != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }

  @Test
  void theExampleRecipeCompilesInstallsAndPropagatesChanges() throws IOException {
    String page = Files.readString(Path.of("..", "docs", "writing-recipes.md"));
    String source = blocks(page, "java").get(0);
    String services = blocks(page, "").get(0);
    String profile = blocks(page, "ini").get(0);

    Path sources = directory.resolve("src/example");
    Path classes = directory.resolve("target/classes");
    Files.createDirectories(sources);
    Files.createDirectories(classes.resolve("META-INF/services"));
    Files.writeString(sources.resolve("GreetingRecipe.java"), source);
    Files.writeString(
        classes.resolve("META-INF/services/io.buildout4j.recipe.RecipeFactory"), services);
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                sources.resolve("GreetingRecipe.java").toString());
    assertEquals(0, status, "the example compiles");
    EngineFixture fixture = new EngineFixture(directory).profile(profile);

    RunReport report = fixture.install();
    assertEquals(List.of("hello", "motd"), report.plan().order());
    assertEquals(
        "Hello from buildout4j\n", Files.readString(directory.resolve("parts/hello/greeting.txt")));
    assertEquals(
        "See " + directory.resolve("parts/hello") + "/greeting.txt\n",
        Files.readString(directory.resolve("motd/greeting.txt")));

    fixture.profile(profile.replace("Hello from buildout4j", "Hello again"));
    Plan plan = fixture.plan();
    assertEquals(Action.REINSTALL, plan.part("hello").action());
    assertEquals(Action.REINSTALL, plan.part("motd").action());
    assertEquals("part hello changed", plan.part("motd").reason());

    fixture.profile(profile.replace("greeting = Hello from buildout4j\n", ""));
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.buildout4j.profile.BuildoutException.class, fixture::plan);
    assertTrue(e.getMessage().startsWith("Missing option hello:greeting"), e.getMessage());
  }
}

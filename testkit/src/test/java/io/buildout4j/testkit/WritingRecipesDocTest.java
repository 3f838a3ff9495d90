package io.buildout4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/writing-recipes.md shows, under "Testing a recipe", the test kit used on its example recipe:
 * that code is {@code example.GreetingRecipeTest} exactly, run with the other tests, on {@code
 * example.GreetingRecipe}, which is the page's example recipe exactly.
 */
class WritingRecipesDocTest {
  private static final Path PAGE = Path.of("..", "docs", "writing-recipes.md");
  private static final Path EXAMPLES = Path.of("src", "test", "java", "example");

  @Test
  void theRecipeIsThePagesExampleRecipe() throws IOException {
    assertEquals(javaBlocks().get(0), Files.readString(EXAMPLES.resolve("GreetingRecipe.java")));
  }

  @Test
  void theTestingSectionShowsTheTestThatRunsIt() throws IOException {
    List<String> blocks = javaBlocks();
    assertEquals(
        Files.readString(EXAMPLES.resolve("GreetingRecipeTest.java")),
        blocks.get(blocks.size() - 1));
  }

  /** The page's fenced {@code java} blocks, each with a newline after every line. */
  private static List<String> javaBlocks() throws IOException {
    List<String> blocks = new ArrayList<>();
    String language = null;
    StringBuilder block = new StringBuilder();
    for (String line : Files.readString(PAGE).split("\n", -1)) {
      if (language == null && line.startsWith("```")) {
        language = line.substring(3);
        block = new StringBuilder();
      } else if (language != null && line.equals("```")) {
        if (language.equals("java")) {
          blocks.add(block.toString());
        }
        language = null;
      } else if (language != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }
}

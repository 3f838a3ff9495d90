package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/embedding.md's two {@code java} examples are the code that {@code EmbeddingExampleTest} and
 * {@code EngineEmbeddingExampleTest} run between their {@code // --- docs/embedding.md ---} and
 * {@code // --- end ---} lines: the same code, compared without white space (the page is laid out
 * for reading, the tests by the formatter), so an edit to either side that the other lacks fails.
 */
class EmbeddingDocTest {
  private static final Path PAGE = Path.of("..", "docs", "embedding.md");
  private static final Path TESTS = Path.of("src", "test", "java", "io", "buildout4j");

  @Test
  void theLoadingExampleIsTheCodeEmbeddingExampleTestRuns() throws IOException {
    assertSameCode(javaBlocks().get(0), marked(TESTS.resolve("profile/EmbeddingExampleTest.java")));
  }

  @Test
  void theInstallingExampleIsTheCodeEngineEmbeddingExampleTestRuns() throws IOException {
    assertSameCode(
        javaBlocks().get(1), marked(TESTS.resolve("engine/EngineEmbeddingExampleTest.java")));
  }

  private static void assertSameCode(String page, String test) {
    assertEquals(page.replaceAll("\\s+", ""), test.replaceAll("\\s+", ""), "page:\n" + page);
  }

  /** The lines of {@code file} between its docs markers. */
  private static String marked(Path file) throws IOException {
    String text = Files.readString(file);
    int start = text.indexOf("// --- docs/embedding.md ---");
    int end = text.indexOf("// --- end ---");
    assertTrue(start >= 0 && end > start, file + " marks the page's example");
    return text.substring(text.indexOf('\n', start) + 1, end);
  }

  /** The page's fenced {@code java} blocks. */
  private static List<String> javaBlocks() throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : Files.readAllLines(PAGE)) {
      if (block == null && line.equals("```java")) {
        block = new StringBuilder();
      } else if (block != null && line.equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    assertEquals(2, blocks.size(), "java examples on " + PAGE);
    return blocks;
  }
}

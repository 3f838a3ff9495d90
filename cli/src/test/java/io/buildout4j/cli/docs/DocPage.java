package io.buildout4j.cli.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Markdown page of {@code docs/} read for its fenced blocks, so that a test can run the page's
 * examples as they are written ({@link DocSession}).
 */
public final class DocPage {
  /** The repository's {@code docs/} folder, seen from a module's directory (Maven's cwd). */
  public static final Path DOCS = Path.of("").toAbsolutePath().getParent().resolve("docs");

  private final String name;
  private final List<DocBlock> blocks;

  private DocPage(String name, List<DocBlock> blocks) {
    this.name = name;
    this.blocks = List.copyOf(blocks);
  }

  /** Reads {@code docs/NAME} (e.g. {@code "cli.md"}, {@code "cookbook/wrapper.md"}). */
  public static DocPage read(String name) throws IOException {
    List<String> lines = Files.readAllLines(DOCS.resolve(name), StandardCharsets.UTF_8);
    List<DocBlock> blocks = new ArrayList<>();
    String heading = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```") && line.length() > 3 && !line.startsWith("````")) {
        String language = line.substring(3).strip();
        int first = i + 2;
        List<String> body = new ArrayList<>();
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
          body.add(lines.get(i));
        }
        assertTrue(i < lines.size(), "an unclosed ``` block at " + name + ":" + (first - 1));
        assertFalse(body.isEmpty(), "an empty ``` block at " + name + ":" + (first - 1));
        blocks.add(new DocBlock(language, body, first, heading));
      } else if (line.startsWith("#")) {
        heading = line.strip();
      }
    }
    return new DocPage(name, blocks);
  }

  /** The page's name under {@code docs/}. */
  public String name() {
    return name;
  }

  /** Every fenced block, in page order. */
  public List<DocBlock> blocks() {
    return blocks;
  }

  /** How many blocks name a file that a session writes ({@link DocBlock#fileName()}). */
  public int fileCount() {
    return (int) blocks.stream().filter(block -> block.fileName() != null).count();
  }

  /**
   * Fails unless the page still has at least {@code files} files and {@code commands} commands: a
   * page whose blocks stopped being recognised would otherwise run nothing and pass.
   */
  public void assertHasAtLeast(int files, int commands) {
    assertTrue(fileCount() >= files, "only " + fileCount() + " files on " + name);
    assertTrue(commandCount() >= commands, "only " + commandCount() + " commands on " + name);
  }

  /** How many {@code $ } command lines the page's {@code console} blocks hold. */
  public int commandCount() {
    return (int)
        blocks.stream()
            .filter(block -> block.language().equals("console"))
            .flatMap(block -> block.lines().stream())
            .filter(line -> line.startsWith("$ "))
            .count();
  }

  /**
   * The blocks grouped by the heading they are under, in page order: a test that gives each heading
   * a directory of its own runs each example apart from the others.
   */
  public Map<String, List<DocBlock>> blocksByHeading() {
    Map<String, List<DocBlock>> groups = new LinkedHashMap<>();
    for (DocBlock block : blocks) {
      groups.computeIfAbsent(block.heading(), heading -> new ArrayList<>()).add(block);
    }
    return groups;
  }
}

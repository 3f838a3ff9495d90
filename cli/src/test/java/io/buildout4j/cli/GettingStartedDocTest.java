package io.buildout4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docs/getting-started.md's tutorial as written: writes its {@code ini} blocks whose first
 * line names a file ({@code # buildout.cfg}), then runs every {@code $ } line of its {@code
 * console} blocks in order (a {@code buildout4j} command through {@link Main}, anything else with
 * {@code sh -c}) and checks the output line by line. A shown line ending in {@code ...} matches any
 * line that starts with the text before it; {@code /home/me/hello} stands for the directory.
 */
class GettingStartedDocTest {
  private static final Path DOC =
      Path.of("").toAbsolutePath().getParent().resolve("docs/getting-started.md");
  private static final String SHOWN_DIRECTORY = "/home/me/hello";

  @Test
  void theTutorialRunsAsShown(@TempDir Path directory) throws Exception {
    List<Block> blocks = blocks(Files.readAllLines(DOC, StandardCharsets.UTF_8));
    int files = 0;
    int commands = 0;
    for (Block block : blocks) {
      if (block.language().equals("ini") && block.lines().get(0).matches("# [\\w.-]+")) {
        Files.writeString(
            directory.resolve(block.lines().get(0).substring(2)),
            String.join("\n", block.lines()) + "\n");
        files++;
      } else if (block.language().equals("console")) {
        commands += runSession(block, directory);
      }
    }
    assertEquals(1, files, "profiles written from " + DOC);
    assertTrue(commands >= 10, "only " + commands + " commands found in " + DOC);
  }

  private static int runSession(Block block, Path directory) throws Exception {
    List<String> lines = block.lines();
    int commands = 0;
    for (int i = 0; i < lines.size(); ) {
      String command = lines.get(i);
      assertTrue(command.startsWith("$ "), "a console block starts with a command: " + command);
      List<String> expected = new ArrayList<>();
      for (i++; i < lines.size() && !lines.get(i).startsWith("$ "); i++) {
        expected.add(lines.get(i));
      }
      String output =
          run(command.substring(2), directory).replace(directory.toString(), SHOWN_DIRECTORY);
      assertMatches(command, expected, output.lines().toList());
      commands++;
    }
    return commands;
  }

  private static void assertMatches(String command, List<String> expected, List<String> actual) {
    String message =
        command
            + "\nexpected:\n"
            + String.join("\n", expected)
            + "\nactual:\n"
            + String.join("\n", actual);
    assertEquals(expected.size(), actual.size(), message);
    for (int i = 0; i < expected.size(); i++) {
      String shown = expected.get(i);
      if (shown.endsWith("...")) {
        assertTrue(actual.get(i).startsWith(shown.substring(0, shown.length() - 3)), message);
      } else {
        assertEquals(shown, actual.get(i), message);
      }
    }
  }

  private static String run(String command, Path directory)
      throws IOException, InterruptedException {
    if (command.startsWith("buildout4j ")) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      List<String> arguments = List.of(command.substring("buildout4j ".length()).split(" +"));
      int status = new Main(both, both, directory).run(arguments);
      String output = bytes.toString(StandardCharsets.UTF_8);
      assertEquals(0, status, command + ":\n" + output);
      return output;
    }
    Process process =
        new ProcessBuilder("sh", "-c", command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), command);
    assertEquals(0, process.exitValue(), command + ":\n" + output);
    return output;
  }

  /** A fenced block of the page: its language and its lines. */
  private record Block(String language, List<String> lines) {}

  private static List<Block> blocks(List<String> page) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < page.size(); i++) {
      if (page.get(i).startsWith("```") && page.get(i).length() > 3) {
        String language = page.get(i).substring(3).strip();
        List<String> lines = new ArrayList<>();
        for (i++; !page.get(i).startsWith("```"); i++) {
          lines.add(page.get(i));
        }
        assertFalse(lines.isEmpty(), "an empty ``` block in " + DOC);
        blocks.add(new Block(language, lines));
      }
    }
    return blocks;
  }
}

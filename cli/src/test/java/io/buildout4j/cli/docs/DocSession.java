package io.buildout4j.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the examples of a documentation page in one directory, as a reader would type them:
 *
 * <ul>
 *   <li>an {@code ini} block whose first line names a file ({@code # buildout.cfg}) is written
 *       there, comment line included; a block of another language (not {@code console}) whose first
 *       line is {@code # file: NAME} is written to {@code NAME} without that line;
 *   <li>each {@code $ } line of a {@code console} block is run there, in order: a {@code buildout4j
 *       ...} command through {@link Main} (arguments split at spaces; a single-quoted argument may
 *       hold spaces), anything else with {@code sh -c}; the lines up to the next {@code $ } line
 *       are its expected output, compared line by line.
 * </ul>
 *
 * <p>In the expected output, a line ending in {@code ...} matches any line starting with the text
 * before it, and the page's shown directory (e.g. {@code /home/me/hello}) stands for the real one.
 * A command must succeed, unless its expected output has a line starting with {@code Error:}: then
 * it must fail.
 */
public final class DocSession {
  private final DocPage page;
  private final Path directory;
  private final String shownDirectory;
  private int filesWritten;
  private int commandsRun;

  /**
   * A session for {@code page} in {@code directory}, whose path the page shows as {@code
   * shownDirectory}.
   */
  public DocSession(DocPage page, Path directory, String shownDirectory) {
    this.page = page;
    this.directory = directory;
    this.shownDirectory = shownDirectory;
  }

  /** Writes or runs every block of {@code blocks} that is a file or a console session. */
  public DocSession runAll(List<DocBlock> blocks) throws Exception {
    for (DocBlock block : blocks) {
      run(block);
    }
    return this;
  }

  /** Writes the block when it names a file, runs it when it is a console session. */
  public void run(DocBlock block) throws Exception {
    if (block.fileName() != null) {
      Path file = directory.resolve(block.fileName());
      Files.createDirectories(file.getParent());
      Files.writeString(file, block.fileContent());
      filesWritten++;
    } else if (block.language().equals("console")) {
      runConsole(block);
    }
  }

  /** How many files were written so far. */
  public int filesWritten() {
    return filesWritten;
  }

  /** How many commands were run so far. */
  public int commandsRun() {
    return commandsRun;
  }

  private void runConsole(DocBlock block) throws Exception {
    List<String> lines = block.lines();
    for (int i = 0; i < lines.size(); ) {
      String command = lines.get(i);
      assertTrue(
          command.startsWith("$ "),
          block.where(page) + ": a console block starts with a command: " + command);
      List<String> expected = new ArrayList<>();
      for (i++; i < lines.size() && !lines.get(i).startsWith("$ "); i++) {
        expected.add(lines.get(i));
      }
      boolean shouldFail = expected.stream().anyMatch(line -> line.startsWith("Error:"));
      Outcome outcome = execute(command.substring(2));
      String where = block.where(page) + ": $ " + command.substring(2);
      if (shouldFail) {
        assertNotEquals(0, outcome.status(), where + " should fail:\n" + outcome.output());
      } else {
        assertEquals(0, outcome.status(), where + " failed:\n" + outcome.output());
      }
      String output = outcome.output().replace(directory.toString(), shownDirectory);
      assertMatches(where, expected, output.lines().toList());
      commandsRun++;
    }
  }

  private static void assertMatches(String where, List<String> expected, List<String> actual) {
    String message =
        where
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

  private record Outcome(int status, String output) {}

  private Outcome execute(String command) throws IOException, InterruptedException {
    if (command.startsWith("buildout4j ")) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      int status =
          new Main(both, both, directory).run(arguments(command.substring("buildout4j ".length())));
      return new Outcome(status, bytes.toString(StandardCharsets.UTF_8));
    }
    Process process =
        new ProcessBuilder("sh", "-c", command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), command + " did not end within a minute");
    return new Outcome(process.exitValue(), output);
  }

  /** Splits at spaces; 'single quotes' keep spaces, as a shell would. */
  static List<String> arguments(String line) {
    List<String> arguments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          arguments.add(current.toString());
          current.setLength(0);
          any = false;
        }
      } else {
        current.append(c);
        any = true;
      }
    }
    assertTrue(!quoted, "an unclosed quote in: " + line);
    if (any) {
      arguments.add(current.toString());
    }
    return arguments;
  }
}

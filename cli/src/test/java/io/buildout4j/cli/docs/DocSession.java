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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

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
 *       are its expected output, compared line by line;
 *   <li>a {@code buildout4j} command preceded by environment assignments ({@code $
 *       BUILDOUT_HOME=home buildout4j resolve}) runs {@link Main} in a child JVM (the test's class
 *       path) with those variables set, since the engine reads them from the environment.
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

  /**
   * One test per heading of {@code page} that has files or commands: each runs its blocks in a
   * directory of its own under {@code root} (shown on the page as {@code shownDirectory}), so that
   * an example sees only its own files, and a failure names the heading it is under.
   */
  public static Stream<DynamicTest> perHeading(DocPage page, Path root, String shownDirectory) {
    List<DynamicTest> tests = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, List<DocBlock>> group : page.blocksByHeading().entrySet()) {
      List<DocBlock> blocks = group.getValue();
      boolean runs =
          blocks.stream()
              .anyMatch(block -> block.fileName() != null || block.language().equals("console"));
      if (!runs) {
        continue;
      }
      Path directory = root.resolve(String.valueOf(++index));
      String name = group.getKey().isEmpty() ? page.name() : group.getKey();
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                Files.createDirectories(directory);
                new DocSession(page, directory, shownDirectory).runAll(blocks);
              }));
    }
    return tests.stream();
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

  private static final Pattern ENVIRONMENT =
      Pattern.compile("((?:[A-Z_][A-Z0-9_]*=\\S* )+)buildout4j (.*)");

  private Outcome execute(String command) throws IOException, InterruptedException {
    Matcher withEnvironment = ENVIRONMENT.matcher(command);
    if (withEnvironment.matches()) {
      Map<String, String> environment = new LinkedHashMap<>();
      for (String assignment : withEnvironment.group(1).strip().split(" ")) {
        int equals = assignment.indexOf('=');
        environment.put(assignment.substring(0, equals), assignment.substring(equals + 1));
      }
      List<String> java = new ArrayList<>();
      java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      java.add("-cp");
      java.add(System.getProperty("java.class.path"));
      java.add(Main.class.getName());
      java.addAll(arguments(withEnvironment.group(2)));
      ProcessBuilder builder = new ProcessBuilder(java).directory(directory.toFile());
      builder.environment().putAll(environment);
      return run(builder, command);
    }
    if (command.startsWith("buildout4j ")) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      int status =
          new Main(both, both, directory).run(arguments(command.substring("buildout4j ".length())));
      return new Outcome(status, bytes.toString(StandardCharsets.UTF_8));
    }
    return run(new ProcessBuilder("sh", "-c", command).directory(directory.toFile()), command);
  }

  private static Outcome run(ProcessBuilder builder, String command)
      throws IOException, InterruptedException {
    Process process = builder.redirectErrorStream(true).start();
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

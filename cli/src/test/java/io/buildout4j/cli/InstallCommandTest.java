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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code install}, {@code plan} and {@code uninstall} on real directories, with the {@code
 * cli-test:file} recipe ({@link FileRecipe}).
 */
class InstallCommandTest {
  /** a, then b (which c references), then c. */
  private static final String THREE_PARTS =
      """
      [buildout]
      parts = a c

      [a]
      recipe = cli-test:file
      path = a.txt
      content = A

      [b]
      recipe = cli-test:file
      path = b.txt
      content = B

      [c]
      recipe = cli-test:file
      path = c.txt
      content = ${b:location}
      """;

  @TempDir Path dir;
  private String out;
  private String err;

  private int run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("-U"));
    all.addAll(List.of(args));
    int status =
        new Main(
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                dir)
            .run(all);
    out = stdout.toString(StandardCharsets.UTF_8);
    err = stderr.toString(StandardCharsets.UTF_8);
    return status;
  }

  private void profile(String text) throws IOException {
    Files.writeString(dir.resolve("buildout.cfg"), text);
  }

  private String read(String file) throws IOException {
    return Files.readString(dir.resolve(file));
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.get(lines.size() - 1);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> json() {
    return (Map<String, Object>) JsonReader.read(out);
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> planOf(String part) {
    return (Map<String, String>) ((Map<String, Object>) json().get("parts")).get(part);
  }

  @Test
  void installPrintsPlainProgressAndASummary() throws IOException {
    profile(THREE_PARTS);
    assertEquals(0, run("install"), err);
    assertTrue(out.startsWith("Installing a.\nInstalling b.\nInstalling c.\n"), out);
    assertTrue(lastLine(out).matches("Installed 3 parts in \\d+\\.\\d s\\."), out);
    assertEquals("", err);
    assertEquals("A", read("a.txt"));
    assertEquals(dir.resolve("b.txt").toString(), read("c.txt"));
    assertTrue(read(".installed.cfg").contains("parts = a b c"), read(".installed.cfg"));

    assertEquals(0, run("install"), err);
    assertTrue(out.startsWith("Updating a.\nUpdating b.\nUpdating c.\n"), out);
    assertTrue(lastLine(out).matches("Updated 3 parts in \\d+\\.\\d s\\."), out);
  }

  @Test
  void verboseShowsWhatPartsPrint() throws IOException {
    profile(THREE_PARTS.replace("content = A", "content = A\nlines = 2"));
    assertEquals(0, run("install", "-v"), err);
    assertTrue(out.startsWith("Installing a.\n  a says 1\n  a says 2\nInstalling b.\n"), out);
    assertEquals(0, run("install"), err);
    assertFalse(out.contains("nothing to update"), out);
  }

  @Test
  void planShowsWhatInstallWouldDoAndWhy() throws IOException {
    profile(THREE_PARTS);
    assertEquals(0, run("plan"), err);
    assertEquals(
        "install a (not installed)\ninstall b (not installed)\ninstall c (not installed)\n", out);
    assertFalse(Files.exists(dir.resolve("a.txt")));
    assertFalse(Files.exists(dir.resolve(".installed.cfg")));

    assertEquals(0, run("install"), err);
    assertEquals(0, run("plan"), err);
    assertEquals("update a (unchanged)\nupdate b (unchanged)\nupdate c (unchanged)\n", out);

    profile(THREE_PARTS.replace("content = B", "content = Z").replace("parts = a c", "parts = c"));
    assertEquals(0, run("plan", "--format", "json"), err);
    assertEquals(List.of("b", "c"), json().get("order"));
    assertEquals(
        List.of("b", "c", "a"), List.copyOf(((Map<?, ?>) json().get("parts")).keySet()), out);
    assertEquals(
        Map.of("action", "reinstall", "reason", "option content changed from 'B' to 'Z'"),
        planOf("b"));
    assertEquals(Map.of("action", "reinstall", "reason", "part b changed"), planOf("c"));
    assertEquals(Map.of("action", "uninstall", "reason", "no longer in the parts"), planOf("a"));

    assertEquals(0, run("install"), err);
    assertTrue(
        out.startsWith(
            "Uninstalling c.\nUninstalling b.\nUninstalling a.\nInstalling b.\nInstalling c.\n"),
        out);
    assertTrue(lastLine(out).matches("Installed 2 parts, uninstalled 3 in \\d+\\.\\d s\\."), out);
    assertFalse(Files.exists(dir.resolve("a.txt")));
    assertEquals("Z", read("b.txt"));
  }

  @Test
  void planWithoutRecipesGivesTheOrder() throws IOException {
    profile(THREE_PARTS.replace("content = ${b:location}", "content = ${b:computed}"));
    assertEquals(0, run("plan", "--no-recipes", "--format", "json"), err);
    assertEquals(List.of("a", "b", "c"), json().get("order"));
    assertEquals(1, run("plan", "--format", "json"));
    assertTrue(((String) json().get("error")).startsWith("MissingOption: "), out);
  }

  @Test
  void planErrorsInJson() throws IOException {
    profile("[buildout]\nparts = a\n[a]\nrecipe = cli-test:file\npath = ${nowhere:x}\n");
    assertEquals(1, run("plan", "--format", "json"));
    assertEquals(List.of("error"), List.copyOf(json().keySet()), out);
    assertTrue(((String) json().get("error")).startsWith("MissingSection: "), out);
    assertTrue(err.contains("Error: "), err);

    profile("[buildout]\nparts = a\n[a]\nrecipe = nosuchrecipe\n");
    assertEquals(1, run("plan", "--format", "json"));
    assertTrue(((String) json().get("error")).contains("No recipe named 'nosuchrecipe'"), out);
    assertTrue(err.contains("--no-recipes"), err);
    assertEquals(0, run("plan", "--no-recipes", "--format", "json"), err);
    assertEquals(List.of("a"), json().get("order"));
  }

  @Test
  void aFailingMultiLineCommandIsShownLineByLineIndented() throws IOException {
    profile(
        "[buildout]\nparts = a\n[a]\nrecipe = command\nstop-on-error = true\n"
            + "command =\n  echo one\n  exit 2\n");
    assertEquals(1, run("install"));
    List<String> lines = out.lines().toList();
    int header =
        lines.indexOf(lines.stream().filter(l -> l.contains("Its last")).findFirst().get());
    assertTrue(lines.get(header).startsWith("  Its last 3 lines of output"), out);
    assertEquals(
        List.of("    Running a:command: echo one", "    exit 2", "    one"),
        lines.subList(header + 1, header + 4),
        out);
  }

  @Test
  void aFailingPartExitsWithOneAndShowsItsLastLines() throws IOException {
    profile(THREE_PARTS.replace("content = B", "content = B\nlines = 25\nfail = true"));
    assertEquals(1, run("install"));
    assertTrue(out.startsWith("Installing a.\nInstalling b.\nPart b failed after "), out);
    assertTrue(out.contains(": failing on request (b:fail)\n"), out);
    String log = dir.resolve(".buildout4j/logs/b.log").toString();
    assertTrue(out.contains("  Its last 20 lines of output (all of it is in " + log + "):\n"), out);
    assertTrue(out.contains("\n    b says 6\n") && out.contains("\n    b says 25\n"), out);
    assertFalse(out.contains("    b says 5\n"), out);
    assertFalse(out.contains("Installing c."), out);
    assertTrue(lastLine(out).matches("Installed 1 part, 1 failed, 1 skipped in .*"), out);
    assertTrue(err.startsWith("While:\n  Installing.\n  Installing b.\n"), err);
    assertTrue(err.contains("Error: failing on request (b:fail)\n"), err);
    assertTrue(err.contains("(part b, recipe cli-test:file; log: " + log + ")"), err);
    assertTrue(Files.readString(Path.of(log)).contains("b says 1\n"));
    assertEquals("A", read("a.txt"));
    assertFalse(Files.exists(dir.resolve("c.txt")));
  }

  @Test
  void keepGoingInstallsWhatDoesNotDependOnTheFailure() throws IOException {
    profile(THREE_PARTS.replace("content = B", "content = B\nfail = true").replace("a c", "c a"));
    assertEquals(1, run("install", "--keep-going"));
    assertTrue(out.contains("Part b failed after"), out);
    assertTrue(out.contains("Skipped c: part b failed.\nInstalling a.\n"), out);
    assertTrue(lastLine(out).matches("Installed 1 part, 1 failed, 1 skipped in .*"), out);
    assertTrue(err.contains("Error: failing on request (b:fail)"), err);
    assertEquals("A", read("a.txt"));
    assertFalse(Files.exists(dir.resolve("c.txt")));
  }

  @Test
  void twoJobsRunIndependentPartsAtOnce() throws IOException {
    // a waits for b's file: only a parallel run can install both
    profile(
        THREE_PARTS
            .replace("parts = a c", "parts = a b")
            .replace("content = A", "content = A\nawait = b.txt"));
    assertEquals(0, run("install", "-j", "2"), err);
    assertTrue(out.contains("Installing a.\n") && out.contains("Installing b.\n"), out);
    assertTrue(lastLine(out).matches("Installed 2 parts in .*"), out);
    assertEquals("A", read("a.txt"));
    assertEquals("B", read("b.txt"));
  }

  @Test
  void namedPartsAreInstalledAlone() throws IOException {
    profile(THREE_PARTS);
    assertEquals(0, run("install", "c"), err);
    assertEquals("Installing c.", out.lines().findFirst().orElseThrow(), out);
    assertTrue(lastLine(out).matches("Installed 1 part in .*"), out);
    assertTrue(Files.exists(dir.resolve("c.txt")));
    assertFalse(Files.exists(dir.resolve("a.txt")));
    assertFalse(Files.exists(dir.resolve("b.txt")));

    assertEquals(0, run("plan", "a"), err);
    assertEquals("install a (not installed)\nkeep c (not named on the command line)\n", out);
  }

  @Test
  void uninstallRemovesTheNamedPartsOrAll() throws IOException {
    profile(THREE_PARTS);
    assertEquals(0, run("install"), err);
    assertEquals(0, run("uninstall", "c"), err);
    assertTrue(out.startsWith("Uninstalling c.\n"), out);
    assertTrue(lastLine(out).matches("Uninstalled 1 part in .*"), out);
    assertFalse(Files.exists(dir.resolve("c.txt")));
    assertTrue(Files.exists(dir.resolve("a.txt")));

    assertEquals(1, run("uninstall", "c"));
    assertTrue(err.contains("Error: Cannot uninstall c: it is not installed"), err);

    assertEquals(0, run("uninstall"), err);
    assertTrue(out.startsWith("Uninstalling b.\nUninstalling a.\n"), out);
    assertFalse(Files.exists(dir.resolve("a.txt")) || Files.exists(dir.resolve("b.txt")));
    assertEquals(0, run("uninstall"), err);
    assertTrue(out.startsWith("Nothing to do ("), out);
  }

  @Test
  void badJobCountsAreUsageErrors() throws IOException {
    profile(THREE_PARTS);
    for (List<String> args :
        List.of(
            List.of("-j", "0"),
            List.of("-j", "two"),
            List.of("--jobs=-1"),
            List.of("-j1.5"),
            List.of("--jobs", ""))) {
      List<String> all = new ArrayList<>(List.of("install"));
      all.addAll(args);
      assertEquals(1, run(all.toArray(String[]::new)), args.toString());
      assertTrue(err.startsWith("Error: -"), err);
      assertTrue(err.contains("takes a whole number of at least 1"), err);
      assertTrue(err.contains("Usage: buildout4j"), err);
    }
    assertEquals(1, run("install", "-j"));
    assertTrue(err.startsWith("Error: No value specified for option -j"), err);
    assertFalse(Files.exists(dir.resolve("a.txt")));
    assertEquals(0, run("install", "-j3"), err);
    assertEquals(0, run("install", "--jobs=2"), err);
  }

  @Test
  void buildoutJobsMustBeAWholeNumber() throws IOException {
    profile(THREE_PARTS.replace("parts = a c", "parts = a c\njobs = many"));
    assertEquals(1, run("install"));
    assertTrue(err.contains("Error: Invalid value for buildout:jobs: 'many'"), err);
    assertEquals(0, run("install", "-j", "1"), err);
  }

  @Test
  void theLiveDisplayRedrawsInPlace() throws IOException {
    profile(THREE_PARTS.replace("content = A", "content = A\nlines = 3"));
    assertEquals(0, run("install", "--progress", "live"), err);
    assertTrue(out.contains("Installing a.\u001b[K\n  done in "), out);
    assertTrue(out.contains("Installing c.\u001b[K\n  done in "), out);
    assertTrue(lastLine(out).matches("Installed 3 parts in .*"), out);
    assertFalse(out.contains("a says"), out);

    profile(
        THREE_PARTS.replace("content = B", "content = B\nlines = 2\nsleep-ms = 450\nfail = true"));
    assertEquals(1, run("install", "--progress=live"));
    // b ran for several frames: its status line, with its last output line, was redrawn in place
    assertTrue(
        out.contains(
            "  Installing b (0 s) b says 2\u001b[K\n\u001b[1A\rInstalling b.\u001b[K\n  failed after "),
        out);
    assertTrue(out.contains("Installing b.\u001b[K\n  failed after "), out);
    assertTrue(out.contains("  Its last 2 lines of output"), out);
    assertTrue(out.contains("\n    b says 2\u001b[K\n"), out);
  }

  @Test
  void badProgressAndMisplacedOptionsAreUsageErrors() throws IOException {
    profile(THREE_PARTS);
    assertEquals(1, run("install", "--progress", "fancy"));
    assertTrue(err.startsWith("Error: --progress takes plain or live, not fancy"), err);
    assertEquals(1, run("install", "--no-recipes"));
    assertTrue(err.startsWith("Error: install needs recipes"), err);
    assertEquals(1, run("uninstall", "--format", "json"));
    assertTrue(err.startsWith("Error: uninstall prints progress as text"), err);
    assertFalse(Files.exists(dir.resolve(".installed.cfg")));
  }

  @Test
  void resolveCreatesRecipesUnlessToldNotTo() throws IOException {
    profile(THREE_PARTS);
    assertEquals(0, run("resolve", "--format", "json"), err);
    assertEquals(dir.resolve("a.txt").toString(), ((Map<?, ?>) json().get("a")).get("location"));
    assertEquals(1, run("resolve", "--no-recipes", "--format", "json"));
    assertTrue(((String) json().get("error")).startsWith("MissingOption: "), out);

    profile("[buildout]\nparts =\n[x]\nrecipe = nosuchrecipe\n");
    assertEquals(1, run("resolve"));
    assertTrue(err.contains("Error: No recipe named 'nosuchrecipe' for part x"), err);
    assertTrue(err.contains("resolve --no-recipes"), err);
    assertEquals(0, run("resolve", "--no-recipes"), err);
  }

  @Test
  void aSecondRunOfTheSameDirectoryIsRefused() throws Exception {
    profile(THREE_PARTS.replace("content = A", "content = A\nawait = go.txt"));
    int[] first = new int[1];
    Thread thread =
        new Thread(
            () ->
                first[0] =
                    new Main(
                            new PrintStream(
                                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                            new PrintStream(
                                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                            dir)
                        .run(List.of("install", "-U")));
    thread.start();
    Path log = dir.resolve(".buildout4j/logs/a.log");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!Files.exists(log) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    try {
      assertEquals(1, run("install"));
      assertTrue(err.contains("Error: The buildout in ") && err.contains(" is in use by "), err);
      assertEquals(1, run("uninstall"));
      assertTrue(err.contains(" is in use by "), err);
    } finally {
      Files.writeString(dir.resolve("go.txt"), "");
      thread.join();
    }
    assertEquals(0, first[0]);
    assertEquals("A", read("a.txt"));
  }

  @Test
  void offlineReachesTheParts() throws IOException {
    profile(THREE_PARTS.replace("content = A", "content = ${buildout:offline}"));
    assertEquals(0, run("install", "a", "-o"), err);
    assertEquals("true", read("a.txt"));
  }
}

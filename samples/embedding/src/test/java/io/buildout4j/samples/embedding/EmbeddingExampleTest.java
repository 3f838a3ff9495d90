package io.buildout4j.samples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link EmbeddingExample} as its users do, in a JVM of its own on this module's class path
 * (where the cookbook's recipes are found by ServiceLoader), on a copy of the sample profile.
 */
class EmbeddingExampleTest {
  private static final String GREETING = "Hello from demo at http://localhost:8080/";

  @TempDir Path work;
  @TempDir Path output;

  @Test
  void installsTheSampleProfilePrintingThePlanTheEventsAndASummary() throws Exception {
    Path profile = copySampleProfile();

    Result run = run(profile.toString()).assertSucceeded();

    assertEquals(
        List.of(
            "install directories not installed",
            "install motd not installed",
            "install greeting not installed"),
        run.plan());
    assertInOrder(
        run.stdout(),
        "install directories ...",
        "install directories: done in ",
        "install motd ...",
        "motd | Wrote " + work.resolve("etc/motd"),
        "install motd: done in ",
        "install greeting ...",
        "greeting | " + GREETING,
        "install greeting: done in ",
        "Summary: 3 done, 0 failed, 0 skipped in ",
        "install directories done",
        "install motd done " + work.resolve("etc/motd"),
        "install greeting done " + work.resolve("var/greeting.txt"));
    assertEquals("", run.stderr());

    assertTrue(Files.isDirectory(work.resolve("var/log")));
    assertEquals(
        "Welcome to demo.\nIt serves http://localhost:8080/ and logs to "
            + work.resolve("var/log")
            + ".\n",
        Files.readString(work.resolve("etc/motd")));
    assertEquals(GREETING + "\n", Files.readString(work.resolve("var/greeting.txt")));
  }

  @Test
  void aSecondRunPlansEveryPartAsUnchanged() throws Exception {
    Path profile = copySampleProfile();
    run(profile.toString()).assertSucceeded();

    Result again = run(profile.toString()).assertSucceeded();

    assertEquals(
        List.of(
            "update directories unchanged", "update motd unchanged", "update greeting unchanged"),
        again.plan());
    assertInOrder(again.stdout(), "update greeting ...", "Summary: 3 done, 0 failed, 0 skipped");
    assertFalse(again.stdout().contains("| " + GREETING), "the command ran again");
  }

  @Test
  void aMissingProfileIsSaidInOneLine() throws Exception {
    Result run = run(work.resolve("nosuch.cfg").toString());

    assertEquals(2, run.status(), run::toString);
    assertEquals(
        "embedding-example: no profile at " + work.resolve("nosuch.cfg") + "\n", run.stderr());
    assertEquals("", run.stdout());
  }

  @Test
  void withoutAProfileItShowsTheUsage() throws Exception {
    Result run = run();

    assertEquals(2, run.status(), run::toString);
    assertTrue(run.stderr().startsWith("usage: embedding-example PROFILE"), run::toString);
  }

  @Test
  void aBrokenProfileIsDescribedAsBuildoutDoesWithoutAStackTrace() throws Exception {
    Path profile = work.resolve("buildout.cfg");
    Files.writeString(
        profile, "[buildout]\nparts = a\n[a]\nrecipe = command\ncommand = echo ${nosuch:x}\n");

    Result run = run(profile.toString());

    assertEquals(1, run.status(), run::toString);
    List<String> lines = run.stderr().lines().toList();
    assertEquals("While:", lines.get(0), run::toString);
    assertEquals(
        "Error: The referenced section, 'nosuch', was not defined."
            + " (referenced by a:command, "
            + profile
            + ":5)",
        lines.get(lines.size() - 1),
        run::toString);
    // between them, buildout's "While:" chain ("  Getting section a." ...), not a stack trace
    assertTrue(lines.size() > 2, run::toString);
    assertTrue(lines.subList(1, lines.size() - 1).stream().allMatch(l -> l.startsWith("  ")));
    assertTrue(lines.contains("  Getting section nosuch."), run::toString);
  }

  @Test
  void aFailingPartEndsTheRunWithASummaryAndTheError() throws Exception {
    Path profile = work.resolve("buildout.cfg");
    Files.writeString(
        profile,
        "[buildout]\nparts = ok broken\n"
            + "[ok]\nrecipe = command\ncommand = echo fine\n"
            + "[broken]\nrecipe = command\nstop-on-error = true\ncommand = exit 3\n");

    Result run = run(profile.toString());

    assertEquals(1, run.status(), run::toString);
    assertInOrder(
        run.stdout(),
        "install broken: FAILED",
        "Summary: 1 done, 1 failed, 0 skipped in ",
        "install ok done",
        "install broken failed");
    assertTrue(
        run.stderr().contains("Error: broken:command failed with exit status 3"), run::toString);
    assertFalse(run.stderr().contains("\tat "), run::toString);
  }

  /** Copies profile/ (the sample profile and its template) to the work directory. */
  private Path copySampleProfile() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("profile"))) {
      for (Path file : files.toList()) {
        Files.copy(file, work.resolve(file.getFileName().toString()));
      }
    }
    return work.resolve("buildout.cfg");
  }

  /** Runs the example with {@code args} in a new JVM, with this test's class path. */
  private Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EmbeddingExample.class.getName());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(output, "stdout", ".txt");
    Path stderr = Files.createTempFile(output, "stderr", ".txt");
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) { // a safety net, not a timing assertion
      process.destroyForcibly();
      throw new AssertionError("the example did not end: " + String.join(" ", command));
    }
    return new Result(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /**
   * Fails unless each of {@code expected} starts a line of {@code text}, in this order, white space
   * aside (runs of it read as one space; none at the start of lines).
   */
  private static void assertInOrder(String text, String... expected) {
    List<String> lines = text.lines().map(EmbeddingExampleTest::words).toList();
    int from = 0;
    for (String start : expected) {
      int at = from;
      while (at < lines.size() && !lines.get(at).startsWith(words(start))) {
        at++;
      }
      assertTrue(at < lines.size(), () -> "no line starting '" + start + "' in order in:\n" + text);
      from = at + 1;
    }
  }

  private static String words(String line) {
    return line.strip().replaceAll("\\s+", " ");
  }

  /** How the example ended and what it printed. */
  private record Result(int status, String stdout, String stderr) {
    Result assertSucceeded() {
      assertEquals(0, status, this::toString);
      return this;
    }

    /** The lines of the printed plan: "ACTION PART REASON". */
    List<String> plan() {
      List<String> lines = stdout.lines().toList();
      return lines.subList(lines.indexOf("Plan") + 1, lines.indexOf("Install")).stream()
          .map(EmbeddingExampleTest::words)
          .toList();
    }

    @Override
    public String toString() {
      return "status " + status + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}

package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.profile.Profiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -j N}: independent parts run at once, a part never starts before the parts it depends on
 * have finished, {@code -j 1} is buildout's order exactly, and {@code --keep-going} goes on with
 * what does not depend on a failure. Timings are printed, and asserted only loosely.
 */
class EngineParallelTest {
  private static final int INDEPENDENT = 16;
  private static final int MILLIS = 300;

  @TempDir Path temp;

  /** Start and end of each part's action, by {@link System#nanoTime()}, and the start order. */
  private static final class Timeline implements BuildListener {
    final Map<String, Long> started = new HashMap<>();
    final Map<String, Long> finished = new HashMap<>();
    final List<String> events = new ArrayList<>();
    int running;
    int mostRunning;

    @Override
    public synchronized void partStarted(String part, Action action) {
      started.put(part, System.nanoTime());
      events.add(action.label() + " " + part);
      mostRunning = Math.max(mostRunning, ++running);
    }

    @Override
    public synchronized void partFinished(
        String part, Action action, Duration duration, List<Path> paths) {
      finished.put(part, System.nanoTime());
      running--;
    }

    @Override
    public synchronized void partFailed(
        String part, Action action, Duration duration, Throwable cause) {
      finished.put(part, System.nanoTime());
      events.add("failed " + part);
      running--;
    }

    @Override
    public synchronized void partSkipped(String part, String failedDependency) {
      events.add("skipped " + part + " (" + failedDependency + ")");
    }
  }

  @Test
  void independentPartsFinishInAboutTheirShareOfTheTimeWithMoreJobs() throws IOException {
    StringBuilder profile = new StringBuilder("[buildout]\nparts =");
    for (int i = 0; i < INDEPENDENT; i++) {
      profile.append(" p").append(i);
    }
    profile.append('\n');
    for (int i = 0; i < INDEPENDENT; i++) {
      profile.append("\n[p").append(i).append("]\nrecipe = test:files\nfiles = f = ");
      profile.append(i).append("\nmillis = ").append(MILLIS).append('\n');
    }
    Map<Integer, Long> millis = new LinkedHashMap<>();
    for (int jobs : new int[] {1, 4, 8, 16}) {
      Path directory = temp.resolve("j" + jobs);
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("buildout.cfg"), profile, StandardCharsets.UTF_8);
      Timeline timeline = new Timeline();
      Buildout buildout = buildout(directory, timeline).jobs(jobs).build();
      long start = System.nanoTime();
      RunReport report = buildout.install();
      millis.put(jobs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      assertTrue(report.succeeded());
      assertEquals(INDEPENDENT, report.parts(PartOutcome.Status.DONE).size());
      assertTrue(timeline.mostRunning <= jobs, "more than " + jobs + " parts ran at once");
      if (jobs > 1) {
        assertTrue(timeline.mostRunning > 1, "with -j " + jobs + " nothing ran at once");
      }
      assertEquals(
          INDEPENDENT, InstalledStateFile.read(directory.resolve(".installed.cfg")).parts().size());
    }
    StringBuilder figures = new StringBuilder("EngineParallelTest: ");
    figures.append(INDEPENDENT).append(" parts of ").append(MILLIS).append(" ms:");
    millis.forEach(
        (jobs, ms) ->
            figures.append(
                String.format(
                    " -j %d %d ms (ideal %d);",
                    jobs, ms, (long) Math.ceil((double) INDEPENDENT / jobs) * MILLIS)));
    System.out.println(figures);
    assertTrue(millis.get(1) >= INDEPENDENT * MILLIS, figures.toString());
    assertTrue(millis.get(4) < 0.6 * millis.get(1), figures.toString());
    assertTrue(millis.get(8) < millis.get(1) / 2, figures.toString());
    assertTrue(millis.get(16) < millis.get(1) / 2, figures.toString());
  }

  /**
   * Three chains, a fan-in of their ends, and a part referencing the fan-in and a root: {@code c1
   * -> c2 -> c3}, {@code d1 -> d2}, {@code e1}, {@code fan} (c3, d2, e1), {@code top} (fan, r),
   * {@code r}.
   */
  private static final String GRAPH =
      """
      [buildout]
      parts = top c1 e1 d1 r

      [c1]
      recipe = test:files
      files = x = c1
      millis = 60

      [c2]
      recipe = test:files
      files = x = ${c1:location}
      millis = 40

      [c3]
      recipe = test:files
      files = x = ${c2:location}
      millis = 40

      [d1]
      recipe = test:files
      files = x = d1
      millis = 30

      [d2]
      recipe = test:files
      files = x = ${d1:location}
      millis = 90

      [e1]
      recipe = test:files
      files = x = e1
      millis = 100

      [fan]
      recipe = test:files
      files =
          c = ${c3:location}
          d = ${d2:location}
          e = ${e1:location}
      millis = 20

      [r]
      recipe = test:files
      files = x = r
      millis = 50

      [top]
      recipe = test:files
      files = x = ${fan:location} ${r:location}
      """;

  private static final Map<String, Set<String>> DEPENDS =
      Map.of(
          "c2", Set.of("c1"),
          "c3", Set.of("c2"),
          "d2", Set.of("d1"),
          "fan", Set.of("c3", "d2", "e1"),
          "top", Set.of("fan", "r"));

  @ParameterizedTest(name = "-j {0}")
  @ValueSource(ints = {2, 3, 8})
  void aPartStartsOnlyAfterThePartsItDependsOnFinished(int jobs) throws IOException {
    Path directory = temp.resolve("graph");
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("buildout.cfg"), GRAPH, StandardCharsets.UTF_8);
    Timeline timeline = new Timeline();
    RunReport report = buildout(directory, timeline).jobs(jobs).build().install();
    assertTrue(report.succeeded());
    for (String part : report.plan().order()) {
      Set<String> expected = DEPENDS.getOrDefault(part, Set.of());
      assertEquals(expected, Set.copyOf(report.plan().part(part).dependencies()), part);
      for (String dependency : expected) {
        assertTrue(
            timeline.finished.get(dependency) < timeline.started.get(part),
            part + " started before " + dependency + " finished");
      }
    }
    assertTrue(timeline.mostRunning > 1, "nothing ran at once: " + timeline.events);
    assertTrue(timeline.mostRunning <= jobs);
    // the state records every part; a second run only updates, whatever the order
    assertEquals(
        Set.copyOf(report.plan().order()),
        Set.copyOf(InstalledStateFile.read(directory.resolve(".installed.cfg")).partNames()));
    Timeline again = new Timeline();
    buildout(directory, again).jobs(jobs).build().install();
    assertTrue(
        again.events.stream().allMatch(e -> e.startsWith("update ")), again.events::toString);
  }

  @Test
  void oneJobIsBuildoutsSequentialOrderExactly() throws IOException {
    Path directory = temp.resolve("sequential");
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("buildout.cfg"), GRAPH, StandardCharsets.UTF_8);
    List<String> order = List.of("c1", "c2", "c3", "d1", "d2", "e1", "fan", "r", "top");
    Timeline timeline = new Timeline();
    RunReport report = buildout(directory, timeline).jobs(1).build().install();
    assertEquals(order, report.plan().order());
    assertEquals(order.stream().map(p -> "install " + p).toList(), timeline.events);
    assertEquals(1, timeline.mostRunning);
    for (int i = 1; i < order.size(); i++) {
      assertTrue(
          timeline.finished.get(order.get(i - 1)) < timeline.started.get(order.get(i)),
          order.get(i) + " started before " + order.get(i - 1) + " finished");
    }
    assertEquals(order, InstalledStateFile.read(directory.resolve(".installed.cfg")).partNames());
    // the default (no -j, no [buildout] jobs) is one job
    Timeline byDefault = new Timeline();
    buildout(directory, byDefault).build().install();
    assertEquals(order.stream().map(p -> "update " + p).toList(), byDefault.events);
  }

  /**
   * {@code bad} and {@code worse} fail; {@code after-bad} references bad, {@code after-after}
   * references after-bad, {@code mixed} references bad and {@code good}; {@code good}, {@code
   * uses-good} and {@code alone} do not depend on a failure.
   */
  private static final String FAILING =
      """
      [buildout]
      parts = good bad after-bad after-after mixed uses-good worse alone

      [good]
      recipe = test:files
      files = x = good

      [bad]
      recipe = test:files
      files = x = bad
      fail = install
      millis = 50

      [after-bad]
      recipe = test:files
      files = x = ${bad:location}

      [after-after]
      recipe = test:files
      files = x = ${after-bad:location}

      [mixed]
      recipe = test:files
      files = x = ${bad:location} ${good:location}

      [uses-good]
      recipe = test:files
      files = x = ${good:location}
      millis = 50

      [worse]
      recipe = test:files
      files = x = worse
      fail = install

      [alone]
      recipe = test:files
      files = x = alone
      millis = 20
      """;

  @ParameterizedTest(name = "-j {0}")
  @ValueSource(ints = {1, 3})
  void keepGoingSkipsOnlyWhatDependsOnAFailureAndTheNextRunInstallsTheRest(int jobs)
      throws IOException {
    Path directory = temp.resolve("keep-going");
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("buildout.cfg"), FAILING, StandardCharsets.UTF_8);
    Timeline timeline = new Timeline();
    RunFailedException e =
        assertThrows(
            RunFailedException.class,
            () -> buildout(directory, timeline).jobs(jobs).keepGoing(true).build().install());
    RunReport report = e.report();
    assertEquals(
        Set.of("good", "uses-good", "alone"), Set.copyOf(report.parts(PartOutcome.Status.DONE)));
    assertEquals(Set.of("bad", "worse"), Set.copyOf(report.parts(PartOutcome.Status.FAILED)));
    assertEquals(
        Set.of("after-bad", "after-after", "mixed"),
        Set.copyOf(report.parts(PartOutcome.Status.SKIPPED)));
    assertEquals(8, report.outcomes().size());
    assertFalse(report.succeeded());
    for (PartOutcome outcome : report.outcomes()) {
      if (outcome.status() == PartOutcome.Status.SKIPPED) {
        assertEquals("part bad failed", outcome.error(), outcome.toString());
      }
      if (outcome.status() == PartOutcome.Status.FAILED) {
        assertTrue(
            outcome.error().startsWith("Cannot install " + outcome.part()), outcome.toString());
      }
    }
    List<String> failedOrder = report.parts(PartOutcome.Status.FAILED);
    assertTrue(
        e.getMessage().contains("\n2 parts failed: " + String.join(", ", failedOrder)),
        e.getMessage());
    assertTrue(
        timeline.events.containsAll(
            List.of("skipped after-bad (bad)", "skipped after-after (bad)", "skipped mixed (bad)")),
        timeline.events.toString());
    InstalledState state = InstalledStateFile.read(directory.resolve(".installed.cfg"));
    assertEquals(Set.of("good", "uses-good", "alone"), Set.copyOf(state.partNames()));
    assertTrue(state.pending().isEmpty());
    for (String part : List.of("bad", "worse", "after-bad", "after-after", "mixed")) {
      assertFalse(Files.exists(directory.resolve("parts").resolve(part)), part);
    }

    // fixed: the next run installs what is missing and only updates the rest
    Files.writeString(
        directory.resolve("buildout.cfg"),
        FAILING.replace("fail = install\n", ""),
        StandardCharsets.UTF_8);
    Timeline next = new Timeline();
    RunReport fixed = buildout(directory, next).jobs(jobs).keepGoing(true).build().install();
    assertTrue(fixed.succeeded());
    Map<String, Action> actions = new HashMap<>();
    fixed.outcomes().forEach(o -> actions.put(o.part(), o.action()));
    assertEquals(
        Map.of(
            "good", Action.UPDATE,
            "uses-good", Action.UPDATE,
            "alone", Action.UPDATE,
            "bad", Action.INSTALL,
            "worse", Action.INSTALL,
            "after-bad", Action.INSTALL,
            "after-after", Action.INSTALL,
            "mixed", Action.INSTALL),
        actions);
    assertTrue(fixed.plan().uninstalls().isEmpty());
  }

  @Test
  void withoutKeepGoingAFailureStopsTheRunOnceThePartsAlreadyRunningFinish() throws IOException {
    Path directory = temp.resolve("stop");
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("buildout.cfg"), FAILING, StandardCharsets.UTF_8);
    Timeline timeline = new Timeline();
    RunFailedException e =
        assertThrows(
            RunFailedException.class,
            () -> buildout(directory, timeline).jobs(3).build().install());
    RunReport report = e.report();
    assertEquals(8, report.outcomes().size());
    assertTrue(report.parts(PartOutcome.Status.FAILED).contains("bad"), report.toString());
    // the parts already running when bad failed finish and are recorded; the rest is skipped
    for (PartOutcome outcome : report.outcomes()) {
      if (outcome.status() == PartOutcome.Status.SKIPPED) {
        assertTrue(
            List.of("the run stopped after a failure", "part bad failed", "part worse failed")
                .contains(outcome.error()),
            outcome.toString());
      }
    }
    assertTrue(
        report.parts(PartOutcome.Status.SKIPPED).containsAll(List.of("after-bad", "after-after")),
        report.toString());
    InstalledState state = InstalledStateFile.read(directory.resolve(".installed.cfg"));
    assertEquals(Set.copyOf(report.parts(PartOutcome.Status.DONE)), Set.copyOf(state.partNames()));
    assertTrue(state.pending().isEmpty());
  }

  private static Buildout.Builder buildout(Path directory, BuildListener listener) {
    return Buildout.builder(directory.resolve("buildout.cfg"))
        .loader(Profiles.loader().userDefaults(false).workingDirectory(directory))
        .listener(listener);
  }
}

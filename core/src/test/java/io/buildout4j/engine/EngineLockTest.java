package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.profile.BuildoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs on one buildout directory: the second fails at once, naming the first, and leaves the
 * first unharmed; the lock of a run that was killed is taken over by the next run.
 */
class EngineLockTest {
  private static final String PROFILE =
      """
      [buildout]
      parts = slow quick

      [slow]
      recipe = test:files
      files = a.txt = A
      millis = %d

      [quick]
      recipe = test:files
      files = b.txt = ${slow:location}
      """;

  @TempDir Path directory;
  EngineFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new EngineFixture(directory);
  }

  @Test
  void aSecondRunFailsAtOnceNamingTheHolderAndTheFirstFinishesUnharmed() throws Exception {
    fixture.profile(PROFILE.formatted(3000));
    try (ChildProcess child = ChildProcess.start(directory.resolve("buildout.cfg"), null)) {
      String running = child.awaitLine("running", 60);
      assertNotNull(running, child::output);
      long pid = child.process.pid();
      assertEquals("running " + pid, running);
      String holder = Files.readString(directory.resolve(DirectoryLock.FILE_NAME));
      assertTrue(holder.startsWith("pid = " + pid + "\n"), holder);

      long start = System.nanoTime();
      BuildoutException e =
          assertThrows(BuildoutException.class, () -> fixture.builder().build().install());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      boolean childAlive = child.process.isAlive();
      System.out.println("EngineLockTest: the second run failed after " + millis + " ms");
      assertTrue(childAlive, "the second run waited for the first to finish (" + millis + " ms)");
      assertFalse(e instanceof RunFailedException, e.toString());
      assertEquals("UserError", e.kind());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "The buildout in " + directory.toRealPath() + " is in use by process " + pid),
          e.getMessage());
      assertTrue(e.getMessage().contains("(buildout4j install, since "), e.getMessage());
      // planning needs no lock, and sees a consistent state while the other run writes it
      Plan plan = fixture.plan();
      assertTrue(
          List.of(Action.INSTALL, Action.UPDATE).contains(plan.part("slow").action()),
          plan.toString());
      assertTrue(Files.readString(directory.resolve(DirectoryLock.FILE_NAME)).contains("" + pid));

      assertEquals(0, child.waitFor(), child.output());
      assertTrue(child.output().contains("done"), child.output());
    }
    assertFalse(Files.exists(directory.resolve(DirectoryLock.FILE_NAME)));
    InstalledState state = fixture.state();
    assertEquals(List.of("slow", "quick"), state.partNames());
    assertTrue(state.pending().isEmpty());
    assertEquals("A\n", Files.readString(fixture.part("slow").resolve("a.txt")));
    assertEquals(
        fixture.part("slow") + "\n", Files.readString(fixture.part("quick").resolve("b.txt")));
    assertEquals(List.of(Action.UPDATE, Action.UPDATE), actions(fixture.plan()));
  }

  @Test
  void aSecondRunInTheSameJvmFailsAtOnceToo() throws Exception {
    fixture.profile(PROFILE.formatted(1500));
    CountDownLatch locked = new CountDownLatch(1);
    CompletableFuture<RunReport> first =
        CompletableFuture.supplyAsync(
            () ->
                fixture
                    .builder()
                    .listener(
                        new BuildListener() {
                          @Override
                          public void runStarted(Plan plan) {
                            locked.countDown();
                          }
                        })
                    .build()
                    .install());
    assertTrue(locked.await(60, TimeUnit.SECONDS));
    BuildoutException e =
        assertThrows(BuildoutException.class, () -> fixture.builder().build().install());
    assertFalse(first.isDone(), "the second run waited for the first");
    assertTrue(
        e.getMessage().contains(" is in use by process " + ProcessHandle.current().pid()),
        e.getMessage());
    assertTrue(first.get(60, TimeUnit.SECONDS).succeeded());
    assertEquals(List.of("slow", "quick"), fixture.state().partNames());
    assertFalse(Files.exists(directory.resolve(DirectoryLock.FILE_NAME)));
  }

  @Test
  void theLockOfAKilledRunIsTakenOverAndItsPartCleanedUp() throws Exception {
    fixture.profile(PROFILE.formatted(60_000));
    Path lockFile = directory.resolve(DirectoryLock.FILE_NAME);
    long pid;
    try (ChildProcess child = ChildProcess.start(directory.resolve("buildout.cfg"), null)) {
      assertNotNull(child.awaitLine("running", 60), child::output);
      pid = child.process.pid();
      // wait until the slow part has created its files and sleeps: it is pending
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(fixture.part("slow").resolve("a.txt"))) {
        assertTrue(System.nanoTime() < deadline, child::output);
        Thread.sleep(10);
      }
      assertEquals(137, child.kill(), "killed with SIGKILL");
    }
    assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive());
    assertTrue(Files.readString(lockFile).startsWith("pid = " + pid + "\n"), "a stale lock");
    assertEquals(List.of("slow"), fixture.state().pending().stream().map(p -> p.name()).toList());

    fixture.profile(PROFILE.formatted(0));
    List<String> messages = new ArrayList<>();
    long start = System.nanoTime();
    RunReport report =
        fixture
            .builder()
            .listener(
                new BuildListener() {
                  @Override
                  public synchronized void message(String text) {
                    messages.add(text);
                  }
                })
            .build()
            .install();
    System.out.println(
        "EngineLockTest: the run after the kill took "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
            + " ms");
    assertTrue(report.succeeded());
    assertEquals(List.of("Removed what an interrupted run left of part slow."), messages);
    assertFalse(Files.exists(lockFile));
    assertEquals(List.of("slow", "quick"), fixture.state().partNames());
    assertTrue(fixture.state().pending().isEmpty());
    assertEquals(List.of(Action.UPDATE, Action.UPDATE), actions(fixture.plan()));
  }

  private static List<Action> actions(Plan plan) {
    return plan.order().stream().map(p -> plan.part(p).action()).toList();
  }
}

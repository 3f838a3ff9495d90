package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.profile.BuildoutException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory lock: one run per buildout directory, whether the other run is in this JVM or in
 * another process, and a lock left by a process that died is taken over.
 */
class DirectoryLockTest {
  @TempDir Path dir;

  private static final String PID = Long.toString(ProcessHandle.current().pid());

  @Test
  void acquireCloseAndAcquireAgain() throws IOException {
    Path file = dir.resolve(DirectoryLock.FILE_NAME);
    try (DirectoryLock lock = DirectoryLock.acquire(dir, "buildout4j install")) {
      assertEquals(dir.toRealPath(), lock.directory());
      assertTrue(Files.exists(file));
      String holder = Files.readString(file, StandardCharsets.UTF_8);
      assertTrue(holder.contains("pid = " + PID + "\n"), holder);
      assertTrue(holder.contains("command = buildout4j install\n"), holder);
      assertTrue(holder.contains("host = "), holder);
      assertTrue(
          holder.matches("(?s).*since = \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n.*"), holder);
    }
    assertFalse(Files.exists(file));
    DirectoryLock again = DirectoryLock.acquire(dir, "buildout4j install");
    again.close();
    again.close(); // idempotent
    assertFalse(Files.exists(file));
  }

  @Test
  void aSecondAcquireInTheSameJvmFailsNamingTheHolder() throws IOException {
    try (DirectoryLock lock = DirectoryLock.acquire(dir, "buildout4j install")) {
      BuildoutException e =
          assertThrows(
              BuildoutException.class, () -> DirectoryLock.acquire(dir, "buildout4j plan"));
      assertEquals("UserError", e.kind());
      String message = e.getMessage();
      assertTrue(
          message.startsWith(
              "The buildout in " + dir.toRealPath() + " is in use by process " + PID + " on host "),
          message);
      assertTrue(message.contains("(buildout4j install, since "), message);
      assertTrue(message.endsWith("); wait for it to finish, or stop it."), message);
      // the failed attempt leaves the holder's lock and file alone
      assertTrue(Files.readString(lock.file()).contains("pid = " + PID));
    }
    DirectoryLock.acquire(dir, "buildout4j install").close();
  }

  @Test
  void aRefusedAcquireInTheSameJvmKeepsTheOperatingSystemLock() throws Exception {
    // POSIX locks belong to the process and vanish when any descriptor of the file is closed: a
    // refused attempt must not open the file, or another process could then take the lock.
    try (DirectoryLock lock = DirectoryLock.acquire(dir, "buildout4j install")) {
      assertThrows(BuildoutException.class, () -> DirectoryLock.acquire(dir, "buildout4j plan"));
      assertThrows(BuildoutException.class, () -> DirectoryLock.acquire(dir, "buildout4j plan"));
      Process child = holder("try");
      try {
        String line = firstLine(child);
        assertTrue(
            line.startsWith("refused: The buildout in ")
                && line.contains(" is in use by process " + PID + " on host "),
            line);
      } finally {
        child.destroyForcibly();
        child.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aStaleLockFileOfADeadProcessIsTakenOver() throws IOException {
    Path file = dir.resolve(DirectoryLock.FILE_NAME);
    Files.writeString(
        file, "pid = 999999\nhost = gone\ncommand = x\nsince = 2000-01-01T00:00:00Z\n");
    try (DirectoryLock lock = DirectoryLock.acquire(dir, "buildout4j install")) {
      String holder = Files.readString(file);
      assertTrue(holder.startsWith("pid = " + PID + "\n"), holder);
      assertFalse(holder.contains("999999"), holder);
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void aMissingDirectoryIsAnError() {
    Path missing = dir.resolve("missing");
    BuildoutException e =
        assertThrows(BuildoutException.class, () -> DirectoryLock.acquire(missing, "x"));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertFalse(Files.exists(missing));
  }

  @Test
  void anotherProcessHoldsTheLockUntilItIsKilled() throws Exception {
    Process child = holder();
    try {
      assertEquals("locked", firstLine(child));

      BuildoutException e =
          assertThrows(
              BuildoutException.class, () -> DirectoryLock.acquire(dir, "buildout4j install"));
      assertEquals("UserError", e.kind());
      assertTrue(
          e.getMessage().contains("is in use by process " + child.pid() + " on host "),
          e.getMessage());
      assertTrue(e.getMessage().contains("(test holder, since "), e.getMessage());

      child.destroyForcibly();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
      // the killed holder could not delete its file: the lock is stale
      Path file = dir.resolve(DirectoryLock.FILE_NAME);
      assertTrue(Files.exists(file));
      try (DirectoryLock lock = DirectoryLock.acquire(dir, "buildout4j install")) {
        String holder = Files.readString(file);
        assertTrue(holder.startsWith("pid = " + PID + "\n"), holder);
      }
      assertFalse(Files.exists(file));
    } finally {
      child.destroyForcibly();
      child.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /** Starts {@link DirectoryLockHolder} on {@link #dir} in a new JVM. */
  private Process holder(String... more) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DirectoryLockHolder.class.getName());
    command.add(dir.toString());
    command.addAll(List.of(more));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String firstLine(Process child) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    return CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

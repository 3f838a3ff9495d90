package io.buildout4j.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChildBuildout} in a child JVM on this JVM's class path, its output (standard output and
 * error merged) read line by line as it comes. Start-up options favour a quick start: the crash
 * tests start dozens of them.
 */
final class ChildProcess implements AutoCloseable {
  private static final String END = "\u0000end";

  final Process process;

  /** When the child was started, by {@link System#nanoTime()}. */
  final long started;

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> output = new ArrayList<>();
  private final Thread reader;

  private ChildProcess(Process process, long started) {
    this.process = process;
    this.started = started;
    this.reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child died: its output ends here
              } finally {
                lines.add(END);
              }
            },
            "child-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code ChildBuildout profile args...}.
   *
   * @param halt where the child should halt ({@code POINT:PART}, see {@link
   *     io.buildout4j.engine.testing.Halt}), or null
   */
  static ChildProcess start(Path profile, @Nullable String halt, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.add("-Xss1m");
    if (halt != null) {
      command.add("-D" + io.buildout4j.engine.testing.Halt.PROPERTY + "=" + halt);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildBuildout.class.getName());
    command.add(profile.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    long started = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    return new ChildProcess(process, started);
  }

  /**
   * The next line of output that starts with {@code prefix}, waiting at most {@code seconds}; null
   * if the output ended or the time ran out first.
   */
  @Nullable String awaitLine(String prefix, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        return null;
      }
      if (line.equals(END)) {
        lines.add(END);
        return null;
      }
      synchronized (output) {
        output.add(line);
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Waits for the child to exit (at most a minute) and returns its exit status. */
  int waitFor() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child JVM did not finish within a minute:\n" + output());
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /**
   * Kills the child with SIGKILL ({@link Process#destroyForcibly()} on Linux) and waits until it is
   * gone. Returns its exit status: 137 (128 + SIGKILL) if the kill ended it, its own status if it
   * had exited before.
   */
  int kill() throws Exception {
    ProcessHandle handle = process.toHandle();
    process.destroyForcibly();
    handle.onExit().get(60, TimeUnit.SECONDS);
    if (handle.isAlive()
        || ProcessHandle.of(handle.pid()).map(ProcessHandle::isAlive).orElse(false)) {
      throw new AssertionError("child " + handle.pid() + " survived SIGKILL");
    }
    int status = process.waitFor();
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return status;
  }

  /**
   * What the child printed so far (lines already read through {@link #awaitLine} and the rest); all
   * of it once {@link #waitFor} or {@link #kill} returned.
   */
  String output() {
    StringBuilder all = new StringBuilder();
    synchronized (output) {
      output.forEach(l -> all.append(l).append('\n'));
    }
    lines.forEach(
        l -> {
          if (!l.equals(END)) {
            all.append(l).append('\n');
          }
        });
    return all.toString();
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      kill();
    }
  }
}

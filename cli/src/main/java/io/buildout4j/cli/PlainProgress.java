package io.buildout4j.cli;

import io.buildout4j.engine.Action;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Progress as plain lines, as buildout prints it: {@code Uninstalling c.}, {@code Installing a.},
 * {@code Updating b.}; with {@code -v} every line a part prints, indented (and prefixed with the
 * part's name while several parts run at once); a failed part's last lines; skipped parts. For
 * logs, pipes and dumb terminals.
 */
final class PlainProgress extends Progress {
  private final Set<String> running = new LinkedHashSet<>();

  PlainProgress(PrintStream out, boolean verbose) {
    super(out, verbose);
  }

  @Override
  public synchronized void partStarted(String part, Action action) {
    running.add(part);
    startTail(part);
    out.println(verb(action) + " " + part + ".");
  }

  @Override
  public synchronized void partOutput(String part, String line) {
    keep(part, line);
    if (verbose) {
      out.println("  " + (running.size() > 1 ? part + ": " : "") + line);
    }
  }

  @Override
  public synchronized void partFinished(
      String part, Action action, Duration duration, List<Path> paths) {
    running.remove(part);
  }

  @Override
  public synchronized void partFailed(
      String part, Action action, Duration duration, Throwable cause) {
    running.remove(part);
    failure(part, "Part " + part + " failed after " + seconds(duration) + ": ", cause)
        .forEach(out::println);
  }

  @Override
  public synchronized void partSkipped(String part, String failedDependency) {
    out.println("Skipped " + part + ": part " + failedDependency + " failed.");
  }

  @Override
  public synchronized void message(String text) {
    out.println(text);
  }
}

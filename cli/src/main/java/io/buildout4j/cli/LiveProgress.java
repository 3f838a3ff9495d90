package io.buildout4j.cli;

import io.buildout4j.engine.Action;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Progress on a terminal: below the permanent lines, one status line per running part (what it
 * does, for how long, its last output line or download), redrawn in place with ANSI escapes by a
 * daemon thread at most ten times a second. A part that ends becomes permanent lines above the
 * status lines: {@code Installing a.} then {@code done in 1.2 s} (or the failure and its last
 * output lines).
 */
final class LiveProgress extends Progress {
  private static final String ESC = "\u001b[";
  private static final long FRAME_MILLIS = 100;

  private final int columns;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final List<String> pending = new ArrayList<>();
  private final Thread painter;
  private int drawn;
  private String lastStatus = "";
  private boolean closed;

  /** A part that is running, for its status line. */
  private static final class Running {
    final Action action;
    final long start = System.nanoTime();
    String detail = "";

    Running(Action action) {
      this.action = action;
    }
  }

  LiveProgress(PrintStream out, boolean verbose, int columns) {
    super(out, verbose);
    this.columns = columns;
    this.painter = new Thread(this::paint, "buildout4j-progress");
    painter.setDaemon(true);
    painter.start();
  }

  private void paint() {
    while (true) {
      try {
        Thread.sleep(FRAME_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (closed) {
          return;
        }
        draw(false);
      }
    }
  }

  @Override
  public synchronized void partStarted(String part, Action action) {
    startTail(part);
    running.put(part, new Running(action));
  }

  @Override
  public synchronized void partOutput(String part, String line) {
    keep(part, line);
    Running r = running.get(part);
    if (r != null) {
      r.detail = line;
    }
    if (verbose) {
      pending.add("  " + part + ": " + line);
    }
  }

  @Override
  public synchronized void downloadProgress(String part, String url, long bytes, long totalBytes) {
    Running r = running.get(part);
    if (r != null) {
      r.detail =
          "downloading "
              + url
              + " "
              + size(bytes)
              + (totalBytes >= 0 ? " of " + size(totalBytes) : "");
    }
  }

  @Override
  public synchronized void partFinished(
      String part, Action action, Duration duration, List<Path> paths) {
    running.remove(part);
    pending.add(verb(action) + " " + part + ".");
    pending.add("  done in " + seconds(duration));
  }

  @Override
  public synchronized void partFailed(
      String part, Action action, Duration duration, Throwable cause) {
    running.remove(part);
    pending.add(verb(action) + " " + part + ".");
    pending.addAll(failure(part, "  failed after " + seconds(duration) + ": ", cause));
  }

  @Override
  public synchronized void partSkipped(String part, String failedDependency) {
    pending.add("Skipped " + part + ": part " + failedDependency + " failed.");
  }

  @Override
  public synchronized void message(String text) {
    pending.add(text);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running.clear();
      draw(true);
    }
    painter.interrupt();
  }

  /**
   * Moves up over the status lines drawn last time, prints the pending permanent lines in their
   * place, then the status lines anew; each line clears the rest of its row, and when there are
   * fewer rows than last time, everything below the cursor is cleared first.
   */
  private void draw(boolean force) {
    StringBuilder status = new StringBuilder();
    long now = System.nanoTime();
    int lines = 0;
    for (Map.Entry<String, Running> entry : running.entrySet()) {
      Running r = entry.getValue();
      long elapsed = (now - r.start) / 1_000_000_000L;
      String line =
          "  "
              + verb(r.action)
              + " "
              + entry.getKey()
              + " ("
              + elapsed
              + " s)"
              + (r.detail.isEmpty() ? "" : " " + r.detail.strip());
      status.append(fit(line)).append(ESC).append("K\n");
      lines++;
    }
    if (!force && pending.isEmpty() && status.toString().equals(lastStatus)) {
      return;
    }
    StringBuilder frame = new StringBuilder();
    if (drawn > 0) {
      frame.append(ESC).append(drawn).append('A');
    }
    frame.append('\r');
    if (pending.size() + lines < drawn) {
      frame.append(ESC).append('J'); // fewer rows than last time: clear the rest first
    }
    for (String line : pending) {
      frame.append(line).append(ESC).append("K\n");
    }
    pending.clear();
    frame.append(status);
    drawn = lines;
    lastStatus = status.toString();
    out.print(frame);
    out.flush();
  }

  /** The line cut to the terminal's width, so that it takes exactly one row. */
  private String fit(String line) {
    StringBuilder flat = new StringBuilder(line.length());
    line.codePoints().forEach(c -> flat.appendCodePoint(c < 0x20 || c == 0x7f ? ' ' : c));
    int width = Math.max(10, columns - 1);
    if (flat.codePointCount(0, flat.length()) <= width) {
      return flat.toString();
    }
    return flat.substring(0, flat.offsetByCodePoints(0, width));
  }

  private static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}

package io.buildout4j.cli;

import io.buildout4j.engine.Action;
import io.buildout4j.engine.BuildListener;
import io.buildout4j.engine.PartOutcome;
import io.buildout4j.engine.RunReport;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How {@code install} and {@code uninstall} show a run: the engine's events rendered on standard
 * output, either as plain lines ({@link PlainProgress}) or as a live display redrawn in place
 * ({@link LiveProgress}). Both keep the last lines each part printed, to show them when it fails,
 * and end with a summary line. Events come from the threads that run parts: implementations
 * synchronise on themselves.
 */
abstract class Progress implements BuildListener, AutoCloseable {
  /** How many of a failed part's last output lines are shown (without {@code -v}). */
  static final int TAIL = 20;

  private static final Pattern LOG = Pattern.compile("; log: (.+)\\)$", Pattern.MULTILINE);

  final PrintStream out;
  final boolean verbose;
  private final Map<String, Deque<String>> tails = new HashMap<>();

  Progress(PrintStream out, boolean verbose) {
    this.out = out;
    this.verbose = verbose;
  }

  /**
   * The display {@code --progress} asks for ({@code plain} or {@code live}), or, when it says
   * nothing, a live one if {@code terminal}.
   */
  static Progress create(
      @Nullable String mode, boolean terminal, PrintStream out, boolean verbose) {
    boolean live = mode == null ? terminal : mode.equals("live");
    return live ? new LiveProgress(out, verbose, columns()) : new PlainProgress(out, verbose);
  }

  /**
   * Whether standard input and output are a terminal that understands cursor movement: there is a
   * console (and, on Java 22 and later, {@code Console.isTerminal()} says so) and {@code TERM} is
   * set and not {@code dumb}.
   */
  static boolean onTerminal() {
    String term = System.getenv("TERM");
    Console console = System.console();
    if (console == null || term == null || term.isEmpty() || term.equals("dumb")) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true; // before Java 22, System.console() is null unless both are a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static int columns() {
    String columns = System.getenv("COLUMNS");
    if (columns != null) {
      try {
        int parsed = Integer.parseInt(columns.strip());
        if (parsed >= 20) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // the default below
      }
    }
    return 80;
  }

  /** Stops any display thread and clears what is drawn in place; idempotent. */
  @Override
  public void close() {}

  /** Ends the display and prints the summary line of {@code report}. */
  final void finish(RunReport report) {
    close();
    synchronized (this) {
      out.println(summary(report));
      out.flush();
    }
  }

  /** Starts keeping a part's output afresh. */
  final synchronized void startTail(String part) {
    tails.put(part, new ArrayDeque<>());
  }

  /**
   * Keeps {@code line} among the last {@link #TAIL} lines of {@code part}; a line holding line
   * breaks (a multi-line command echoed before it runs) counts as the lines it shows.
   */
  final synchronized void keep(String part, String line) {
    Deque<String> tail = tails.computeIfAbsent(part, p -> new ArrayDeque<>());
    for (String shown : line.split("\r?\n", -1)) {
      if (tail.size() == TAIL) {
        tail.removeFirst();
      }
      tail.addLast(shown);
    }
  }

  /**
   * What to show when a part fails: {@code first}, then (without {@code -v}, which showed them
   * already) its last output lines, and where its whole log is.
   */
  final synchronized List<String> failure(String part, String first, Throwable cause) {
    List<String> lines = new ArrayList<>();
    lines.add(first + firstLine(cause.getMessage()));
    String log = logOf(cause);
    Deque<String> tail = tails.getOrDefault(part, new ArrayDeque<>());
    if (!verbose && !tail.isEmpty()) {
      lines.add(
          "  Its last "
              + (tail.size() == 1 ? "line" : tail.size() + " lines")
              + " of output"
              + (log == null ? "" : " (all of it is in " + log + ")")
              + ":");
      tail.forEach(l -> lines.add("    " + l));
    } else if (log != null) {
      lines.add("  Its output is in " + log + ".");
    }
    return lines;
  }

  /** The log file the engine named in a part's error message, or null if it named none. */
  static @Nullable String logOf(Throwable cause) {
    String message = cause.getMessage();
    if (message == null) {
      return null;
    }
    Matcher m = LOG.matcher(message);
    String found = null;
    while (m.find()) {
      found = m.group(1);
    }
    return found;
  }

  static String firstLine(@Nullable String message) {
    if (message == null || message.isEmpty()) {
      return "(no message)";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** What a part's action is called while it runs: {@code Installing}, ... */
  static String verb(Action action) {
    return switch (action) {
      case INSTALL, REINSTALL -> "Installing";
      case UPDATE -> "Updating";
      case UNINSTALL -> "Uninstalling";
      case KEEP -> "Keeping";
    };
  }

  /** A duration as seconds with one decimal: {@code 1.2 s}. */
  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
  }

  /**
   * The last line of a run: {@code Installed 3 parts, updated 2, uninstalled 1 in 4.2 s.}, with the
   * failed and skipped parts counted too; {@code Nothing to do} when nothing ran.
   */
  static String summary(RunReport report) {
    int installed = 0;
    int updated = 0;
    int uninstalled = 0;
    int failed = 0;
    int skipped = 0;
    for (PartOutcome outcome : report.outcomes()) {
      switch (outcome.status()) {
        case FAILED -> failed++;
        case SKIPPED -> skipped++;
        case DONE -> {
          switch (outcome.action()) {
            case INSTALL, REINSTALL -> installed++;
            case UPDATE -> updated++;
            case UNINSTALL -> uninstalled++;
            case KEEP -> {}
          }
        }
      }
    }
    List<String> counts = new ArrayList<>();
    String[] words = {"installed", "updated", "uninstalled", "failed", "skipped"};
    int[] numbers = {installed, updated, uninstalled, failed, skipped};
    for (int i = 0; i < words.length; i++) {
      if (numbers[i] == 0) {
        continue;
      }
      if (counts.isEmpty()) {
        String parts = numbers[i] + (numbers[i] == 1 ? " part" : " parts");
        counts.add(
            i < 3
                ? Character.toUpperCase(words[i].charAt(0)) + words[i].substring(1) + " " + parts
                : parts.substring(0, 1).toUpperCase(Locale.ROOT)
                    + parts.substring(1)
                    + " "
                    + words[i]);
      } else {
        counts.add(i < 3 ? words[i] + " " + numbers[i] : numbers[i] + " " + words[i]);
      }
    }
    String time = seconds(report.duration());
    return counts.isEmpty()
        ? "Nothing to do (" + time + ")."
        : String.join(", ", counts) + " in " + time + ".";
  }
}

package io.buildout4j.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Hears what a run does, as it does it: the command line renders these events as a progress
 * display, embedders as they like. Every method has an empty default.
 *
 * <p>Called by the engine from the threads that run parts (several at once with {@code -j N}):
 * implementations must be thread-safe and quick, and must not throw.
 */
public interface BuildListener {
  /** A listener that ignores everything. */
  BuildListener NONE = new BuildListener() {};

  /** The run has planned its work and is about to change things. */
  default void runStarted(Plan plan) {}

  /** A part starts to install, update, reinstall or uninstall. */
  default void partStarted(String part, Action action) {}

  /** A line the part logged, or its subprocess printed. */
  default void partOutput(String part, String line) {}

  /**
   * A part is done.
   *
   * @param paths the paths now recorded for it (empty after an uninstall)
   */
  default void partFinished(String part, Action action, Duration duration, List<Path> paths) {}

  /** A part failed; {@code cause} is what the run reports. */
  default void partFailed(String part, Action action, Duration duration, Throwable cause) {}

  /** A part was not run because a part it depends on failed ({@code --keep-going}). */
  default void partSkipped(String part, String failedDependency) {}

  /**
   * Download progress.
   *
   * @param totalBytes the size, or -1 if unknown
   */
  default void downloadProgress(String part, String url, long bytes, long totalBytes) {}

  /** A message about the run as a whole (a warning, a recovered crash). */
  default void message(String text) {}
}

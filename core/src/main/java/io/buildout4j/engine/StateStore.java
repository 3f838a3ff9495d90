package io.buildout4j.engine;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The installed state of one run, in memory and on disk: every change that matters for recovery is
 * written at once, atomically, before the run goes on, so that a crash at any moment leaves a file
 * that describes what is on disk (parts being installed or uninstalled are recorded as pending,
 * with the paths they registered). Thread-safe: parts running in parallel change it one at a time.
 */
final class StateStore {
  private final @Nullable Path file;
  private InstalledState state;
  private @Nullable InstalledState written;

  /**
   * @param file the {@code .installed.cfg} to keep, or null when {@code [buildout] installed} is
   *     empty (nothing is read or written)
   */
  StateStore(@Nullable Path file, InstalledState state) {
    this.file = file;
    this.state = state;
    this.written = state;
  }

  /** Reads the state of {@code file} (empty if it does not exist, or if {@code file} is null). */
  static StateStore open(@Nullable Path file) {
    return new StateStore(
        file, file == null ? InstalledState.empty() : InstalledStateFile.read(file));
  }

  synchronized InstalledState current() {
    return state;
  }

  /** Applies {@code change} and writes the result (with any deferred change) before returning. */
  synchronized InstalledState update(UnaryOperator<InstalledState> change) {
    state = change.apply(state);
    flush();
    return state;
  }

  /**
   * Applies a change that a crash may lose without harm (the order of parts after a path-neutral
   * update; a pending record without paths): it reaches the file with the next {@link #update} or
   * {@link #flush()}. Saves rewriting the whole file for every part of a run that changes nothing.
   */
  synchronized InstalledState defer(UnaryOperator<InstalledState> change) {
    state = change.apply(state);
    return state;
  }

  /** Writes the state if it differs from what was last written. */
  synchronized void flush() {
    if (file != null && !state.equals(written)) {
      InstalledStateFile.write(file, state);
    }
    written = state;
  }
}

package io.buildout4j.engine;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The installed state of one run, in memory and on disk: every change is written at once,
 * atomically, before the run goes on, so that a crash at any moment leaves a file that describes
 * what is on disk (parts being installed or uninstalled are recorded as pending, with the paths
 * they registered). Thread-safe: parts running in parallel change it one at a time.
 */
final class StateStore {
  private final @Nullable Path file;
  private InstalledState state;

  /**
   * @param file the {@code .installed.cfg} to keep, or null when {@code [buildout] installed} is
   *     empty (nothing is read or written)
   */
  StateStore(@Nullable Path file, InstalledState state) {
    this.file = file;
    this.state = state;
  }

  /** Reads the state of {@code file} (empty if it does not exist, or if {@code file} is null). */
  static StateStore open(@Nullable Path file) {
    return new StateStore(
        file, file == null ? InstalledState.empty() : InstalledStateFile.read(file));
  }

  synchronized InstalledState current() {
    return state;
  }

  /** Applies {@code change} and writes the result before returning it. */
  synchronized InstalledState update(UnaryOperator<InstalledState> change) {
    InstalledState changed = change.apply(state);
    if (file != null && !changed.equals(state)) {
      InstalledStateFile.write(file, changed);
    }
    state = changed;
    return changed;
  }
}

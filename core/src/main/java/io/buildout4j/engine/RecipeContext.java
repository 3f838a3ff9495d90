package io.buildout4j.engine;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link RecipeSource} may know about the run that needs a recipe. Implemented by the
 * engine.
 */
public interface RecipeContext {
  /** A {@code [buildout]} option, substituted, or null if absent. */
  @Nullable String buildoutOption(String option);

  /**
   * The version pinned for {@code name} in the versions section ({@code [buildout] versions},
   * default {@code [versions]}), or null if none is pinned.
   */
  @Nullable String pinnedVersion(String name);

  /** Whether the run is offline: use local copies only. */
  boolean offline();

  /** The buildout directory, absolute: relative paths in options are relative to it. */
  Path directory();

  /** Reports progress or a problem about loading recipes to the user. */
  void log(String message);
}

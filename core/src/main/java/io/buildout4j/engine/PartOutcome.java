package io.buildout4j.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one part in a run.
 *
 * @param part the part
 * @param action what was done (or attempted)
 * @param status how it ended
 * @param duration how long it took (zero if skipped)
 * @param paths the paths recorded for it afterwards
 * @param error the error message if it failed, or the failed dependency if skipped; else null
 */
public record PartOutcome(
    String part,
    Action action,
    Status status,
    Duration duration,
    List<Path> paths,
    @Nullable String error) {
  /** How a part's action ended. */
  public enum Status {
    /** Done. */
    DONE,
    /** The recipe failed. */
    FAILED,
    /** Not attempted: a part it depends on failed ({@code --keep-going}), or the run stopped. */
    SKIPPED
  }

  /** Copies the list. */
  public PartOutcome {
    paths = List.copyOf(paths);
  }
}

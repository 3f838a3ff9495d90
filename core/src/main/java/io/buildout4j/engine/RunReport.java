package io.buildout4j.engine;

import java.time.Duration;
import java.util.List;

/**
 * The result of an install or uninstall run: its plan and, in the order they ended, what happened
 * to each part it touched. Returned by {@link Buildout#install()} and friends; carried by {@link
 * RunFailedException} when a run fails.
 */
public record RunReport(Plan plan, List<PartOutcome> outcomes, Duration duration) {
  /** Copies the list. */
  public RunReport {
    outcomes = List.copyOf(outcomes);
  }

  /** The parts that ended with {@code status}, in the order they ended. */
  public List<String> parts(PartOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).map(PartOutcome::part).toList();
  }

  /** Whether every part's action succeeded. */
  public boolean succeeded() {
    return outcomes.stream().allMatch(o -> o.status() == PartOutcome.Status.DONE);
  }
}

package io.buildout4j.testkit;

import io.buildout4j.engine.PartOutcome;
import io.buildout4j.engine.RunReport;
import java.util.List;
import java.util.stream.Collectors;

/** Texts for the kit's assertion messages. */
final class Describe {
  private Describe() {}

  /** {@code install a, update b}, or {@code nothing to do}. */
  static String outcomes(RunReport report) {
    List<PartOutcome> outcomes = report.outcomes();
    if (outcomes.isEmpty()) {
      return "nothing to do";
    }
    return outcomes.stream()
        .map(o -> o.action().label() + " " + o.part())
        .collect(Collectors.joining(", "));
  }

  /** {@code a, b}, or {@code none}. */
  static String names(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}

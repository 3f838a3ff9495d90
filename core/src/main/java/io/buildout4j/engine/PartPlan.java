package io.buildout4j.engine;

import java.util.List;
import java.util.Objects;

/**
 * What a run will do to one part, and why.
 *
 * @param name the part
 * @param action what will happen to it
 * @param reason why, for people: e.g. {@code option url changed from 'a' to 'b'}, {@code part gcc
 *     changed}, {@code not installed}
 * @param dependencies the parts it depends on (through references and its recipe's reads), in part
 *     order; what {@code -j N} waits for
 */
public record PartPlan(String name, Action action, String reason, List<String> dependencies) {
  /** Checks for nulls and copies the list. */
  public PartPlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    dependencies = List.copyOf(dependencies);
  }
}

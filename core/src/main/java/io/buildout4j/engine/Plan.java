package io.buildout4j.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a run would do: the parts to install or update in buildout's order, the installed parts to
 * uninstall (in the reverse of their recorded order, before anything is installed) or keep, each
 * with the reason. Made by {@link Buildout#plan()}; immutable.
 *
 * @param order the parts to install or update, in buildout's order
 * @param uninstalls the installed parts to uninstall first, in the order that happens (this
 *     includes parts to reinstall)
 * @param parts every part concerned, by name: those in {@code order}, then those uninstalled or
 *     kept
 */
public record Plan(List<String> order, List<String> uninstalls, Map<String, PartPlan> parts) {
  /** Copies the collections. */
  public Plan {
    order = List.copyOf(order);
    uninstalls = List.copyOf(uninstalls);
    parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
  }

  /** The plan for one part, or null if the run does not concern it. */
  public @Nullable PartPlan part(String name) {
    return parts.get(name);
  }

  /** The parts whose plan is {@code action}, in the order of {@link #parts()}. */
  public List<String> withAction(Action action) {
    List<String> names = new ArrayList<>();
    parts
        .values()
        .forEach(
            p -> {
              if (p.action() == action) {
                names.add(p.name());
              }
            });
    return names;
  }
}

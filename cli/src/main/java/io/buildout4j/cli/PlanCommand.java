package io.buildout4j.cli;

import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.PartPlan;
import io.buildout4j.engine.Plan;
import io.buildout4j.profile.ProfileLoader;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code plan [PART ...]}: what {@code install} would do to each part, and why, without doing it.
 * Text gives one line per part, {@code ACTION PART (REASON)}: first the parts to install or update
 * in their order, then the installed parts to uninstall or keep. JSON gives {@code {"order": [PART,
 * ...], "parts": {"PART": {"action": "install|update|reinstall|uninstall|keep", "reason":
 * "..."}}}}, parts in the same order.
 */
final class PlanCommand {
  private final PrintStream out;

  PlanCommand(PrintStream out) {
    this.out = out;
  }

  void run(CommandLine line, ProfileLoader loader) {
    Buildout buildout = Main.buildout(line, loader).build();
    Plan plan = line.arguments().isEmpty() ? buildout.plan() : buildout.plan(line.arguments());
    if (line.json()) {
      out.print(JsonWriter.write(json(plan)));
      return;
    }
    StringBuilder text = new StringBuilder();
    for (PartPlan part : plan.parts().values()) {
      text.append(part.action().label())
          .append(' ')
          .append(part.name())
          .append(" (")
          .append(part.reason())
          .append(")\n");
    }
    out.print(text);
  }

  private static Map<String, Object> json(Plan plan) {
    Map<String, Object> parts = new LinkedHashMap<>();
    for (PartPlan part : plan.parts().values()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("action", part.action().label());
      entry.put("reason", part.reason());
      parts.put(part.name(), entry);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("order", plan.order());
    result.put("parts", parts);
    return result;
  }
}

package io.buildout4j.cli;

import io.buildout4j.profile.Origin;
import io.buildout4j.profile.Profile;
import io.buildout4j.profile.ProfileLoader;
import io.buildout4j.profile.RawValue;
import io.buildout4j.profile.Step;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code annotate [section ...]}: every option as the layers assembled it, with where each step
 * came from ({@code file:line}, relative to the buildout directory, or {@code DEFAULT_VALUE}, ...),
 * in buildout's format; {@code -v} prints whole histories, newest first; JSON gives the history
 * oldest first.
 */
final class AnnotateCommand {
  private final PrintStream out;

  AnnotateCommand(PrintStream out) {
    this.out = out;
  }

  void run(CommandLine line, ProfileLoader loader) {
    Profile profile = Main.load(line, loader);
    RawValue directory = profile.raw().value("buildout", "directory");
    String base = directory == null ? "" : directory.value();
    Map<String, Map<String, RawValue>> chosen = new TreeMap<>();
    profile
        .raw()
        .sections()
        .forEach(
            (name, options) -> {
              if (line.arguments().isEmpty() || line.arguments().contains(name)) {
                chosen.put(name, new TreeMap<>(options));
              }
            });
    if (line.json()) {
      out.print(JsonWriter.write(json(chosen, base, line.verbose())));
      return;
    }
    StringBuilder text = new StringBuilder("\nAnnotated sections\n==================\n");
    chosen.forEach(
        (name, options) -> {
          text.append("\n[").append(name).append("]\n");
          options.forEach(
              (key, value) -> {
                text.append(keyAndValue(key, value.value()));
                if (line.verbose()) {
                  text.append('\n');
                  List<Step> steps = new ArrayList<>(value.history().steps());
                  for (int i = steps.size() - 1; i >= 0; i--) {
                    Step step = steps.get(i);
                    text.append(verboseSourcePrefix(step.origin()))
                        .append(source(step.origin(), base))
                        .append('\n');
                    List<String> lines = step.value().lines().toList();
                    if (lines.size() <= 1) {
                      text.append("   ")
                          .append(step.operation())
                          .append(" VALUE = ")
                          .append(step.value())
                          .append('\n');
                    } else {
                      text.append("   ").append(step.operation()).append(" VALUE =\n");
                      lines.forEach(l -> text.append("      ").append(l).append('\n'));
                    }
                  }
                  text.append('\n');
                } else {
                  for (Step step : value.history().effectiveSteps()) {
                    String marker =
                        switch (step.operation()) {
                          case ADD -> "+=  ";
                          case MACRO -> "<=  ";
                          case REMOVE -> "-=  ";
                          default -> "    ";
                        };
                    text.append(marker).append(source(step.origin(), base)).append('\n');
                  }
                }
              });
        });
    out.print(text);
  }

  /**
   * zc.buildout's {@code HistoryItem.printSource}: {@code AS} for {@code DEFAULT_VALUE}, {@code
   * COMPUTED_VALUE} and {@code COMMAND_LINE_VALUE}, {@code IN} for everything else, files and
   * {@code IMPLICIT_VALUE} alike.
   */
  private static String verboseSourcePrefix(Origin origin) {
    return switch (origin.kind()) {
      case DEFAULT, COMPUTED, COMMAND_LINE -> "   AS ";
      case FILE, IMPLICIT -> "   IN ";
    };
  }

  private static String keyAndValue(String key, String value) {
    List<String> lines = value.lines().toList();
    if (lines.size() <= 1) {
      return value.isEmpty() ? key + "=\n" : key + "= " + value + "\n";
    }
    return key + "= " + String.join("\n", lines) + "\n";
  }

  private static Map<String, Object> json(
      Map<String, Map<String, RawValue>> sections, String base, boolean full) {
    Map<String, Object> result = new LinkedHashMap<>();
    sections.forEach(
        (name, options) -> {
          Map<String, Object> section = new LinkedHashMap<>();
          options.forEach(
              (key, value) -> {
                List<Object> history = new ArrayList<>();
                for (Step step :
                    full ? value.history().steps() : value.history().effectiveSteps()) {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("operation", step.operation().name());
                  item.put("value", step.value());
                  item.put(
                      "source",
                      step.origin().isFile()
                          ? relative(step.origin().location(), base)
                          : step.origin().kind().label());
                  if (step.origin().isFile()) {
                    item.put("line", step.origin().line());
                  }
                  history.add(item);
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("value", value.value());
                entry.put("history", history);
                section.put(key, entry);
              });
          result.put(name, section);
        });
    return result;
  }

  private static String source(Origin origin, String base) {
    if (!origin.isFile()) {
      return origin.kind().label();
    }
    return relative(origin.location(), base) + ":" + origin.line();
  }

  private static String relative(String location, String base) {
    if (!base.isEmpty() && location.startsWith(base + "/")) {
      return Path.of(base).relativize(Path.of(location)).toString();
    }
    return location;
  }
}

package io.buildout4j.cli;

import io.buildout4j.profile.Profile;
import io.buildout4j.profile.ProfileLoader;
import io.buildout4j.profile.RawValue;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code resolve}: every section with every option resolved (or, with {@code --raw}, as the layers
 * assembled them), as text or as JSON {@code {"section": {"option": "value"}}} with sorted keys.
 * Each part's recipe is created when its section is resolved, and may add options (its {@code
 * location}, ...), as in an install; {@code --no-recipes} resolves the profile alone.
 */
final class ResolveCommand {
  private final PrintStream out;

  ResolveCommand(PrintStream out) {
    this.out = out;
  }

  void run(CommandLine line, ProfileLoader loader) {
    Profile profile =
        line.raw() || line.noRecipes()
            ? Main.load(line, loader)
            : Main.buildout(line, loader).build().loadProfile();
    Map<String, Map<String, String>> sections = line.raw() ? raw(profile) : profile.resolveAll();
    if (line.json()) {
      out.print(JsonWriter.write(sections));
    } else {
      out.print(ProfileText.render(sections));
    }
  }

  private static Map<String, Map<String, String>> raw(Profile profile) {
    Map<String, Map<String, String>> sections = new TreeMap<>();
    profile
        .raw()
        .sections()
        .forEach(
            (name, options) -> {
              Map<String, String> values = new TreeMap<>();
              for (Map.Entry<String, RawValue> option : options.entrySet()) {
                values.put(option.getKey(), option.getValue().value());
              }
              sections.put(name, values);
            });
    return sections;
  }
}

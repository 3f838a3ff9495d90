package io.buildout4j.cli;

import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profile;
import io.buildout4j.profile.ProfileLoader;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code query [section:]option}: one resolved value ({@code buildout} is the default section). As
 * in zc.buildout, reading a part's section creates its recipe, which may compute options (its
 * {@code location}, ...) that the value references; {@code --no-recipes} reads the profile alone.
 */
final class QueryCommand {
  private final PrintStream out;

  QueryCommand(PrintStream out) {
    this.out = out;
  }

  void run(CommandLine line, ProfileLoader loader) {
    if (line.arguments().size() != 1) {
      throw new BuildoutException("UserError", "The query command requires a single argument.");
    }
    String argument = line.arguments().get(0);
    List<String> parts = List.of(argument.split(":", -1));
    String section;
    String option;
    if (parts.size() == 1) {
      section = "buildout";
      option = parts.get(0);
    } else if (parts.size() == 2) {
      section = parts.get(0);
      option = parts.get(1);
    } else {
      throw new BuildoutException("UserError", "Invalid option: " + argument);
    }
    Profile profile =
        line.noRecipes()
            ? Main.load(line, loader)
            : Main.buildout(line, loader).build().loadProfile();
    if (!profile.hasSection(section)) {
      throw new BuildoutException("UserError", "Section not found: " + section);
    }
    String value = profile.find(section, option);
    if (value == null) {
      throw new BuildoutException("UserError", "Key not found: " + option);
    }
    if (line.json()) {
      out.print(JsonWriter.write(Map.of(section, Map.of(option, value))));
      return;
    }
    if (line.verbose()) {
      out.println("${" + section + ":" + option + "}");
    }
    out.println(value);
  }
}

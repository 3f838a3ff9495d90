package io.buildout4j.cookbook;

import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code command} ({@code plone.recipe.command}): runs {@code command} with {@code /bin/sh -c} in
 * the buildout directory when the part is installed, and {@code update-command} (if any) when it is
 * updated; their output goes to the part's log. A failing command is an error only with {@code
 * stop-on-error = true}, as upstream; otherwise it is a warning. The paths in {@code location}
 * belong to the part: they are registered before the command runs and removed when the part is
 * uninstalled or reinstalled. See {@code docs/cookbook/command.md}.
 */
public final class CommandRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of("command", "plone.recipe.command");
  }

  @Override
  public Recipe create(Part part) {
    Options options = part.options();
    String section = options.section();
    String stop = options.get("stop-on-error");
    boolean stopOnError;
    String value = stop == null ? "" : stop.strip().toLowerCase(Locale.ROOT);
    if (stop == null || Set.of("no", "off", "false").contains(value)) {
      stopOnError = false;
    } else if (Set.of("yes", "on", "true").contains(value)) {
      stopOnError = true;
    } else {
      throw new RecipeException(
          "Invalid value for "
              + section
              + ":stop-on-error: '"
              + stop
              + "' (yes, on, true, no, off or false)");
    }
    String command = options.get("command");
    if (command == null || command.isBlank()) {
      throw new RecipeException("Missing option: " + section + ":command (no command specified)");
    }
    List<Path> locations = new ArrayList<>();
    Path base = part.directories().directory();
    String location = options.get("location");
    if (location != null) {
      for (String path : location.strip().split("\\s+")) {
        if (!path.isEmpty()) {
          locations.add(base.resolve(path).normalize());
        }
      }
    }
    return new Command(part, command, options.get("update-command"), stopOnError, locations);
  }

  private static final class Command implements Recipe {
    private final Part part;
    private final String command;
    private final @Nullable String updateCommand;
    private final boolean stopOnError;
    private final List<Path> locations;

    Command(
        Part part,
        String command,
        @Nullable String updateCommand,
        boolean stopOnError,
        List<Path> locations) {
      this.part = part;
      this.command = command;
      this.updateCommand = updateCommand;
      this.stopOnError = stopOnError;
      this.locations = locations;
    }

    @Override
    public Collection<Path> install() throws IOException, InterruptedException {
      part.created(locations.toArray(Path[]::new));
      run(command, "command");
      return locations;
    }

    @Override
    public Collection<Path> update() throws IOException, InterruptedException {
      if (updateCommand != null) {
        run(updateCommand, "update-command");
      }
      return List.of();
    }

    private void run(String text, String option) throws IOException, InterruptedException {
      String section = part.options().section();
      part.log().info("Running " + section + ":" + option + ": " + text.strip());
      int status = part.run(new ProcessBuilder("/bin/sh", "-c", text));
      if (status == 0) {
        return;
      }
      String message =
          section
              + ":"
              + option
              + " failed with exit status "
              + status
              + " (its output is in the log of part "
              + part.name()
              + ")";
      if (stopOnError) {
        throw new RecipeException(message);
      }
      part.log().warning(message + "; going on, as " + section + ":stop-on-error is not true");
    }
  }
}

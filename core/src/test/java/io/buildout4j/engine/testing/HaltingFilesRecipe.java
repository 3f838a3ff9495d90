package io.buildout4j.engine.testing;

import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import io.buildout4j.recipe.RecordedPart;
import io.buildout4j.recipe.Uninstaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code recipe = test:halting-files}: {@link FilesRecipe}'s files (directory {@code location},
 * computed as {@code parts/PART} unless given, holding one file per line {@code name = content} of
 * {@code files}; {@code millis} to sleep after them; {@code extra = NAME} to add a file on update),
 * with {@link Halt} points at every step, so that a child JVM can be stopped in each window of the
 * engine's write-ahead protocol:
 *
 * <ul>
 *   <li>{@code install-start}: install called, nothing registered yet;
 *   <li>{@code install-registered}: the location registered with {@code created()}, not created;
 *   <li>{@code install-file}: the location and its first file created, the others not;
 *   <li>{@code install-end}: every file created, install about to return;
 *   <li>{@code update-start}, {@code update-registered} (the extra file registered, not written),
 *       {@code update-end} (written, update about to return);
 *   <li>{@code uninstall}: in the uninstaller, before the engine removes the paths.
 * </ul>
 *
 * <p>{@code extra} may be an absolute path (outside the location). {@code fail = update} makes
 * update fail after it wrote the extra file.
 */
public final class HaltingFilesRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of("test:halting-files");
  }

  @Override
  public Recipe create(Part part) {
    var options = part.options();
    if (!options.has("location")) {
      options.set("location", part.directories().partLocation(part.name()).toString());
    }
    String name = part.name();
    return new Recipe() {
      @Override
      public Collection<Path> install() throws Exception {
        Halt.at("install-start", name);
        Path location = Path.of(options.require("location"));
        part.created(location);
        Halt.at("install-registered", name);
        Files.createDirectories(location);
        boolean first = true;
        for (String line : options.get("files", "").lines().toList()) {
          if (line.isBlank()) {
            continue;
          }
          String[] file = line.split("=", 2);
          String content = file.length > 1 ? file[1].strip() : "";
          Files.writeString(
              location.resolve(file[0].strip()), content + "\n", StandardCharsets.UTF_8);
          if (first) {
            Halt.at("install-file", name);
            first = false;
          }
        }
        long millis = Long.parseLong(options.get("millis", "0"));
        if (millis > 0) {
          Thread.sleep(millis);
        }
        Halt.at("install-end", name);
        return List.of(location);
      }

      @Override
      public Collection<Path> update() throws IOException {
        Halt.at("update-start", name);
        String extra = options.get("extra");
        if (extra == null) {
          Halt.at("update-end", name);
          return List.of();
        }
        Path file = Path.of(options.require("location")).resolve(extra);
        part.created(file);
        Halt.at("update-registered", name);
        Files.writeString(file, "extra\n", StandardCharsets.UTF_8);
        if ("update".equals(options.get("fail"))) {
          throw new RecipeException("Cannot update " + name + " (failing on purpose)");
        }
        Halt.at("update-end", name);
        return List.of(file);
      }
    };
  }

  @Override
  public Uninstaller uninstaller() {
    return HaltingFilesRecipe::uninstall;
  }

  private static void uninstall(RecordedPart part) {
    Halt.at("uninstall", part.name());
  }
}

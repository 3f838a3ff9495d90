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
 * {@code recipe = test:files}: creates the directory {@code location} (computed when created:
 * {@code parts/PART} unless given) holding one file per line of {@code files} ({@code name} or
 * {@code name = content}), each with {@code content} if no content is given. Options:
 *
 * <ul>
 *   <li>{@code fail = install|update|create}: fail there on purpose (after creating the files, for
 *       install);
 *   <li>{@code read = SECTION:OPTION}: read another section when created and store the value as
 *       {@code copied};
 *   <li>{@code drop = OPTION}: remove the option and set it again (as recipes that recompute an
 *       option do);
 *   <li>{@code report-flags = }: set {@code offline-seen} and {@code newest-seen} to what the part
 *       was told;
 *   <li>{@code report-signature = }: set {@code create-signature} to {@link Part#signature()} at
 *       the end of creation;
 *   <li>{@code millis = N}: take N ms to install;
 *   <li>{@code extra = NAME}: on update, create another file in the location and return it;
 *   <li>{@code command = SHELL COMMAND}: run it (in the buildout directory) after writing the
 *       files.
 * </ul>
 */
public final class FilesRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of("test:files", "test.recipes:default");
  }

  @Override
  public Recipe create(Part part) {
    CallLog.add("create:" + part.name());
    var options = part.options();
    if ("create".equals(options.get("fail"))) {
      throw new RecipeException("Invalid option " + part.name() + ":fail (failing on purpose)");
    }
    if (!options.has("location")) {
      options.set("location", part.directories().partLocation(part.name()).toString());
    }
    String drop = options.get("drop");
    if (drop != null && !drop.isEmpty() && options.has(drop)) {
      String kept = options.require(drop);
      options.remove(drop);
      options.set(drop, kept);
    }
    if (options.has("report-flags")) {
      options.set("offline-seen", String.valueOf(part.offline()));
      options.set("newest-seen", String.valueOf(part.newest()));
    }
    String read = options.get("read");
    if (read != null) {
      String[] key = read.split(":", 2);
      options.set("copied", part.section(key[0]).require(key[1]));
    }
    if (options.has("report-signature")) {
      options.set("create-signature", part.signature());
    }
    return new Recipe() {
      @Override
      public Collection<Path> install() throws Exception {
        CallLog.add("install:" + part.name());
        Path location = Path.of(options.require("location"));
        part.created(location);
        Files.createDirectories(location);
        for (String line : options.get("files", "").lines().toList()) {
          if (line.isBlank()) {
            continue;
          }
          String[] file = line.split("=", 2);
          String content = file.length > 1 ? file[1].strip() : options.get("content", "");
          Files.writeString(
              location.resolve(file[0].strip()), content + "\n", StandardCharsets.UTF_8);
        }
        part.log().info("wrote " + location);
        String command = options.get("command");
        if (command != null) {
          part.check(new ProcessBuilder("sh", "-c", command));
        }
        long millis = Long.parseLong(options.get("millis", "0"));
        if (millis > 0) {
          Thread.sleep(millis);
        }
        if ("install".equals(options.get("fail"))) {
          throw new RecipeException("Cannot install " + part.name() + " (failing on purpose)");
        }
        return List.of(location);
      }

      @Override
      public Collection<Path> update() throws IOException {
        CallLog.add("update:" + part.name());
        if ("update".equals(options.get("fail"))) {
          throw new RecipeException("Cannot update " + part.name() + " (failing on purpose)");
        }
        String extra = options.get("extra");
        if (extra != null) {
          Path file = Path.of(options.require("location")).resolve(extra);
          part.created(file);
          Files.writeString(file, "extra\n");
          return List.of(file);
        }
        return List.of();
      }
    };
  }

  @Override
  public Uninstaller uninstaller() {
    return FilesRecipe::uninstall;
  }

  private static void uninstall(RecordedPart part) {
    CallLog.add("uninstall:" + part.name());
    for (Path path : part.paths()) {
      if (!Files.exists(path)) {
        part.log().warning(path + " was already gone before the uninstaller ran");
      }
    }
  }
}

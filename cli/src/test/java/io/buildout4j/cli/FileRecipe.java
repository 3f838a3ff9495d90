package io.buildout4j.cli;

import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The recipe of the command-line tests, {@code cli-test:file}: writes {@code content} to the file
 * {@code path} (relative to the buildout directory; its absolute form is set as {@code location}
 * when the recipe is created). Options to exercise the display: {@code lines = N} logs N lines
 * first, {@code fail = true} then fails, {@code await = PATH} waits (up to 20 s) for another part's
 * file to appear, which only works when both run at once.
 */
public final class FileRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of("cli-test:file");
  }

  @Override
  public Recipe create(Part part) {
    String path = part.options().require("path");
    Path file = part.directories().directory().resolve(path).normalize();
    part.options().set("location", file.toString());
    int lines = Integer.parseInt(part.options().get("lines", "0").strip());
    boolean fail = part.options().flag("fail", false);
    String await = part.options().get("await", "").strip();
    long sleep = Long.parseLong(part.options().get("sleep-ms", "0").strip());
    return new Recipe() {
      @Override
      public Collection<Path> install() throws Exception {
        for (int i = 1; i <= lines; i++) {
          part.log().info(part.name() + " says " + i);
        }
        Thread.sleep(sleep);
        if (!await.isEmpty()) {
          Path awaited = part.directories().directory().resolve(await);
          long deadline = System.nanoTime() + 20_000_000_000L;
          while (!Files.exists(awaited)) {
            if (System.nanoTime() > deadline) {
              throw new RecipeException("gave up waiting for " + awaited);
            }
            Thread.sleep(20);
          }
        }
        if (fail) {
          throw new RecipeException("failing on request (" + part.name() + ":fail)");
        }
        part.created(file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, part.options().get("content", ""));
        return List.of(file);
      }

      @Override
      public Collection<Path> update() {
        part.log().info("nothing to update in " + part.name());
        return List.of();
      }
    };
  }
}

package io.buildout4j.cookbook;

import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code recipe = test-shared:files}: writes {@code content} to {@code LOCATION/file}, as a shared
 * part when {@code shared = true}; appends a line to {@code build-log} (a path) on every build, so
 * tests can count builds; fails after writing when {@code fail = true}.
 */
public final class SharedFilesRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of("test-shared:files");
  }

  @Override
  public Recipe create(Part part) {
    SharedPart shared = SharedPart.of(part, "test-shared:files", List.of("file"));
    if (shared == null && !part.options().has("location")) {
      part.options().set("location", part.directories().partLocation(part.name()).toString());
    }
    Path location = Path.of(part.options().require("location"));
    part.options().set("file", location.resolve("file").toString());
    return new Recipe() {
      @Override
      public Collection<Path> install() throws Exception {
        if (shared != null) {
          shared.install(part, this::build);
          return List.of();
        }
        part.created(location);
        build(location);
        return List.of(location);
      }

      @Override
      public Collection<Path> update() throws Exception {
        if (shared != null && !shared.isInstalled()) {
          shared.install(part, this::build);
        }
        return List.of();
      }

      private void build(Path into) throws Exception {
        Files.createDirectories(into);
        Files.writeString(into.resolve("file"), part.options().get("content", "") + "\n");
        String log = part.options().get("build-log");
        if (log != null) {
          Files.writeString(
              Path.of(log),
              part.name() + "\n",
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND);
        }
        if (part.options().flag("fail", false)) {
          throw new io.buildout4j.recipe.RecipeException("failing on purpose");
        }
      }
    };
  }
}

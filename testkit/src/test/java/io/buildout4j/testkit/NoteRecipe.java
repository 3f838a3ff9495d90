package io.buildout4j.testkit;

import io.buildout4j.recipe.Options;
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
 * A real recipe for the kit's tests: writes {@code text} to {@code location} (computed: {@code
 * parts/PART.txt}), logs what it does, and says on update that the file is up to date.
 */
final class NoteRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of("test.note");
  }

  @Override
  public Recipe create(Part part) {
    Options options = part.options();
    String text = options.get("text");
    if (text == null) {
      throw new RecipeException("Missing option " + part.name() + ":text");
    }
    if (!options.has("location")) {
      options.set("location", part.directories().parts().resolve(part.name() + ".txt").toString());
    }
    Path file = part.directories().directory().resolve(options.require("location"));
    return new Recipe() {
      @Override
      public Collection<Path> install() throws Exception {
        part.created(file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + (part.offline() ? " (offline)" : "") + "\n");
        part.log().info("Wrote " + file);
        return List.of(file);
      }

      @Override
      public Collection<Path> update() {
        part.log().info("Up to date: " + file);
        return List.of();
      }
    };
  }
}

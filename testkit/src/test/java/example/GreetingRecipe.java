package example;

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

public final class GreetingRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of("example.greeting", "example.greeting:default");
  }

  @Override
  public Recipe create(Part part) {
    Options options = part.options();
    String greeting = options.get("greeting");
    if (greeting == null || greeting.isBlank()) {
      throw new RecipeException("Missing option " + part.name() + ":greeting");
    }
    if (!options.has("location")) {
      options.set("location", part.directories().partLocation(part.name()).toString());
    }
    Path location = Path.of(options.require("location"));
    return new Recipe() {
      @Override
      public Collection<Path> install() throws Exception {
        part.created(location);
        Files.createDirectories(location);
        Files.writeString(location.resolve("greeting.txt"), greeting + "\n");
        part.log().info("Wrote " + location.resolve("greeting.txt"));
        return List.of(location);
      }
    };
  }
}

package io.buildout4j.benchmarks;

import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code recipe = bench:noop}, for {@link PlanBenchmark}: computes {@code location} ({@code
 * parts/PART}) when created, as most recipes do; install creates that directory and records it;
 * update does nothing. Registered through {@code META-INF/services}.
 */
public final class NoopRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of("bench:noop");
  }

  @Override
  public Recipe create(Part part) {
    var options = part.options();
    if (!options.has("location")) {
      options.set("location", part.directories().partLocation(part.name()).toString());
    }
    return new Recipe() {
      @Override
      public Collection<Path> install() throws Exception {
        Path location = Path.of(options.require("location"));
        part.created(location);
        Files.createDirectories(location);
        return List.of(location);
      }

      @Override
      public Collection<Path> update() {
        return List.of();
      }
    };
  }
}

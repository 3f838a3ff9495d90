package io.buildout4j.engine;

import io.buildout4j.recipe.RecipeFactory;
import java.util.Objects;

/**
 * A recipe factory together with its signature: the identity of the code behind it (for a Maven
 * artifact, the sorted coordinates and jar hashes of its resolved closure; for a class-path or
 * {@code develop} recipe, its jar's or directory's hash). A changed signature reinstalls every part
 * that uses the recipe.
 *
 * @param factory the factory to create parts with
 * @param signature the tokens recorded as {@code __buildout_signature__}, space-separated
 */
public record LoadedRecipe(RecipeFactory factory, String signature) {
  /** Checks for nulls. */
  public LoadedRecipe {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(signature, "signature");
  }
}

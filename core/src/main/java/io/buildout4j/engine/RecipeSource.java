package io.buildout4j.engine;

import org.jspecify.annotations.Nullable;

/**
 * Finds recipes that the engine's class path does not provide, e.g. by Maven coordinates ({@code
 * recipes-maven}). Implementations are found by {@link java.util.ServiceLoader} on the engine's
 * class path and asked, in turn, for each recipe name that no built-in or {@code develop} recipe
 * answers to.
 *
 * <p>Called with the profile's resolution lock held, from the thread resolving the part; a source
 * may cache what it loads across calls of one run (one source instance per {@link Buildout}).
 */
public interface RecipeSource {
  /**
   * The recipe named {@code recipe} (exactly as the profile writes it after {@code recipe =}), or
   * null if this source does not handle such names.
   *
   * @throws io.buildout4j.profile.BuildoutException if the name is this source's but the recipe
   *     cannot be loaded (unresolvable artifact, offline and not in the local repository, no such
   *     entry); the message says which and why
   */
  @Nullable LoadedRecipe find(String recipe, RecipeContext context);
}

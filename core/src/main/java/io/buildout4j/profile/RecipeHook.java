package io.buildout4j.profile;

/**
 * Buildout's recipe constructor hook: called by the resolver when a section with a non-empty {@code
 * recipe} has been substituted, just before it joins the part list. The part engine creates the
 * recipe here; the recipe may read other sections and set options of its own section.
 *
 * <p>Registered with {@link ProfileLoader#recipeHook(RecipeHook)}; called with the profile's
 * resolution lock held, on whichever thread triggered the resolution.
 */
@FunctionalInterface
public interface RecipeHook {
  /**
   * Creates the recipe for the section. An exception stops the resolution; a {@link
   * BuildoutException} keeps the "while" chain of where it arose.
   */
  void initialize(SectionOptions section);
}

package io.buildout4j.profile;

/**
 * Called by the resolver when a section with a non-empty {@code recipe} has been substituted, just
 * before it joins the part list: buildout's recipe constructor. The part engine creates the recipe
 * here, which may read other sections and set options of this one.
 */
@FunctionalInterface
interface PartHook {
  /** No recipes: profile semantics only ({@code --no-recipes}). */
  PartHook NONE = section -> {};

  void initialize(LiveSection section);
}

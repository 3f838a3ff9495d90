package io.buildout4j.recipe;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link Recipe} for a part: the entry a profile names with {@code recipe = NAME}.
 *
 * <p>Implementations are found by {@link java.util.ServiceLoader} (list them in {@code
 * META-INF/services/io.buildout4j.recipe.RecipeFactory}) and must have a public no-argument
 * constructor. One factory may answer to several names, e.g. a short native name and the name a
 * SlapOS profile uses ({@code mkdirectory} and {@code slapos.cookbook:mkdirectory}). A profile's
 * {@code recipe = dist} without an entry also finds a factory registered as {@code dist:default}.
 *
 * <p>Called by the engine from any thread; keep factories stateless.
 */
public interface RecipeFactory {
  /**
   * The names this factory is registered under, exactly as profiles write them after {@code recipe
   * =}. Read once when the factory is registered.
   */
  Set<String> names();

  /**
   * Buildout's recipe constructor, called once per part when the part's section is first resolved,
   * before anything is installed. Validate the options (throw {@link RecipeException} naming the
   * option for a user mistake), read the other sections the result depends on, and set computed
   * options on {@code part.options()} so that change detection and other sections see them.
   *
   * <p>Do not create files here: {@code plan} creates every recipe without installing.
   *
   * @param part the part being resolved; keep it for {@link Recipe#install()}
   * @return the recipe for that part, never null
   */
  Recipe create(Part part);

  /**
   * The hook to run before an installed part's paths are deleted (buildout's {@code
   * zc.buildout.uninstall} entry point), or null for none. Looked up by the recipe name recorded at
   * install time, so it also runs for parts that are no longer in the profile.
   */
  default @Nullable Uninstaller uninstaller() {
    return null;
  }
}

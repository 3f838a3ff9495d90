package io.buildout4j.engine;

import io.buildout4j.recipe.RecipeFactory;

/**
 * The parent of every class loader that loads recipe code from outside the engine's class path
 * ({@code develop} directories and jars, Maven artifacts): it exposes the Java platform and the
 * recipe SPI ({@code io.buildout4j.recipe}) and nothing else, so a recipe sees exactly what it was
 * compiled against, and its own dependencies never clash with the engine's.
 *
 * <p>Used by the engine and by {@code recipes-maven}; one shared instance, {@link #INSTANCE}.
 */
public final class ApiClassLoader extends ClassLoader {
  /** The shared instance. */
  public static final ApiClassLoader INSTANCE = new ApiClassLoader();

  private static final String API_PACKAGE = "io.buildout4j.recipe.";
  private static final String API_RESOURCES = "io/buildout4j/recipe/";

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final ClassLoader api = RecipeFactory.class.getClassLoader();

  private ApiClassLoader() {
    super("buildout4j-recipes-api", ClassLoader.getPlatformClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(API_PACKAGE)) {
      Class<?> found = api.loadClass(name);
      if (resolve) {
        resolveClass(found);
      }
      return found;
    }
    return super.loadClass(name, resolve);
  }

  @Override
  protected java.net.URL findResource(String name) {
    return name.startsWith(API_RESOURCES) ? api.getResource(name) : null;
  }
}

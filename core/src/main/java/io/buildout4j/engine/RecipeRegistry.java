package io.buildout4j.engine;

import io.buildout4j.profile.BuildoutException;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Maps recipe names to factories, for one run: first the recipes of {@code [buildout] develop}
 * (directories of classes or jars, loaded in class loaders of their own, like buildout's develop
 * eggs), then those given to the {@link Buildout} builder, then those on the engine's class path
 * (found by {@link ServiceLoader}), then the {@link RecipeSource}s (Maven coordinates).
 *
 * <p>Not thread-safe: used with the profile's resolution lock held.
 */
final class RecipeRegistry {
  private final Map<String, LoadedRecipe> develop = new LinkedHashMap<>();
  private final Map<String, LoadedRecipe> known = new LinkedHashMap<>();
  private final List<RecipeSource> sources = new ArrayList<>();
  private final Map<String, LoadedRecipe> found = new LinkedHashMap<>();
  private final List<URLClassLoader> loaders = new ArrayList<>();
  private boolean developLoaded;

  /** A registry of the given factories and those on the engine's class path. */
  RecipeRegistry(List<RecipeFactory> extra, ClassLoader engineLoader) {
    for (RecipeFactory factory : extra) {
      register(known, factory, CodeSignature.ofClass(factory.getClass()));
    }
    try {
      for (RecipeFactory factory : ServiceLoader.load(RecipeFactory.class, engineLoader)) {
        register(known, factory, CodeSignature.ofClass(factory.getClass()));
      }
      for (RecipeSource source : ServiceLoader.load(RecipeSource.class, engineLoader)) {
        sources.add(source);
      }
    } catch (java.util.ServiceConfigurationError | LinkageError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BuildoutException(
          "UserError",
          "A recipe on the class path cannot be loaded: "
              + e.getMessage()
              + " ("
              + cause
              + "); is a library it needs missing from the class path?",
          e);
    }
  }

  private static void register(
      Map<String, LoadedRecipe> into, RecipeFactory factory, String signature) {
    for (String name : factory.names()) {
      into.putIfAbsent(name, new LoadedRecipe(factory, signature));
    }
  }

  /**
   * Loads the {@code develop} entries once: each a directory of classes or a jar, relative to the
   * buildout directory.
   */
  void develop(List<String> entries, Path directory) {
    if (developLoaded) {
      return;
    }
    developLoaded = true;
    for (String entry : entries) {
      Path path = directory.resolve(entry).normalize();
      if (!Files.exists(path)) {
        throw new BuildoutException(
            "UserError",
            "Couldn't develop '" + entry + "' (not found at " + path + "), in [buildout] develop");
      }
      URL url;
      try {
        url = path.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new BuildoutException("UserError", "Bad develop path " + path, e);
      }
      URLClassLoader loader =
          new URLClassLoader(
              "develop:" + path.getFileName(), new URL[] {url}, ApiClassLoader.INSTANCE);
      loaders.add(loader);
      String signature = CodeSignature.of(path);
      int count = 0;
      try {
        for (RecipeFactory factory : ServiceLoader.load(RecipeFactory.class, loader)) {
          if (factory.getClass().getClassLoader() == loader) {
            register(develop, factory, signature);
            count++;
          }
        }
      } catch (java.util.ServiceConfigurationError | LinkageError e) {
        throw new BuildoutException(
            "UserError",
            "Cannot load the recipes of develop entry '"
                + entry
                + "' ("
                + path
                + "): "
                + e.getMessage(),
            e);
      }
      if (count == 0) {
        throw new BuildoutException(
            "UserError",
            "The develop entry '"
                + entry
                + "' ("
                + path
                + ") has no recipes: it needs META-INF/services/"
                + RecipeFactory.class.getName());
      }
    }
  }

  /**
   * The recipe named {@code name}, or null if no registry or source knows it. A name without an
   * entry also matches a factory registered as {@code name:default}.
   */
  @Nullable LoadedRecipe find(String name, RecipeContext context) {
    LoadedRecipe recipe = local(name);
    if (recipe == null && !name.contains(":")) {
      recipe = local(name + ":default");
    }
    if (recipe != null) {
      return recipe;
    }
    if (found.containsKey(name)) {
      return found.get(name);
    }
    for (RecipeSource source : sources) {
      recipe = source.find(name, context);
      if (recipe != null) {
        found.put(name, recipe);
        return recipe;
      }
    }
    return null;
  }

  private @Nullable LoadedRecipe local(String name) {
    LoadedRecipe recipe = develop.get(name);
    return recipe != null ? recipe : known.get(name);
  }

  /** The names known without asking a source, sorted: for "no such recipe" messages. */
  List<String> knownNames() {
    TreeSet<String> names = new TreeSet<>(known.keySet());
    names.addAll(develop.keySet());
    return List.copyOf(names);
  }

  /** Closes the recipe sources that hold resources, and the develop class loaders. */
  void close() {
    for (RecipeSource source : sources) {
      if (source instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // a source that cannot release its jars keeps them open until the process ends
        }
      }
    }
    for (URLClassLoader loader : loaders) {
      try {
        loader.close();
      } catch (IOException e) {
        // nothing left to do: the loader's jar stays open until the process ends
      }
    }
  }
}

package io.buildout4j.maven;

import io.buildout4j.engine.ApiClassLoader;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A recipe artifact loaded for a run: its class loader (the jar and its dependencies, over {@link
 * ApiClassLoader#INSTANCE}), the recipe factories found in it and the signature of its closure.
 */
final class RecipeArtifact implements AutoCloseable {
  private static final int HASH_CHARS = 16;

  private final String gav;
  private final URLClassLoader loader;
  private final List<RecipeFactory> own;
  private final List<RecipeFactory> dependencies;
  private final String signature;

  private RecipeArtifact(
      String gav,
      URLClassLoader loader,
      List<RecipeFactory> own,
      List<RecipeFactory> dependencies,
      String signature) {
    this.gav = gav;
    this.loader = loader;
    this.own = own;
    this.dependencies = dependencies;
    this.signature = signature;
  }

  /**
   * Loads a resolved closure: {@code jars.get(0)} is the recipe artifact itself.
   *
   * @param gav {@code GROUP:ARTIFACT:VERSION}, for messages and the loader's name
   * @throws BuildoutException if a jar cannot be read or a listed factory cannot be created
   */
  static RecipeArtifact load(String gav, List<ArtifactResolver.ResolvedJar> jars) {
    URL[] urls = new URL[jars.size()];
    TreeSet<String> tokens = new TreeSet<>();
    for (int i = 0; i < urls.length; i++) {
      ArtifactResolver.ResolvedJar jar = jars.get(i);
      try {
        urls[i] = jar.path().toUri().toURL();
        tokens.add(
            jar.groupId()
                + ":"
                + jar.artifactId()
                + ":"
                + jar.version()
                + ":"
                + sha256(jar.path()).substring(0, HASH_CHARS));
      } catch (IOException e) {
        throw new BuildoutException(
            "UserError",
            "Cannot read " + jar.path() + " (of recipe artifact " + gav + "): " + e.getMessage(),
            e);
      }
    }
    URLClassLoader loader = new URLClassLoader("recipe:" + gav, urls, ApiClassLoader.INSTANCE);
    Path main = jars.get(0).path();
    List<RecipeFactory> own = new ArrayList<>();
    List<RecipeFactory> dependencies = new ArrayList<>();
    try {
      ServiceLoader.load(RecipeFactory.class, loader).stream()
          .filter(provider -> provider.type().getClassLoader() == loader)
          .forEach(
              provider -> {
                RecipeFactory factory = provider.get();
                (isIn(provider.type(), main) ? own : dependencies).add(factory);
              });
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      close(loader);
      throw new BuildoutException(
          "UserError",
          "Cannot load the recipe factories of " + gav + " (" + main + "): " + e.getMessage(),
          e);
    }
    return new RecipeArtifact(
        gav, loader, List.copyOf(own), List.copyOf(dependencies), String.join(" ", tokens));
  }

  /** The signature: sorted {@code GROUP:ARTIFACT:VERSION:SHA256PREFIX} tokens. */
  String signature() {
    return signature;
  }

  /** The class loader of the closure. */
  ClassLoader loader() {
    return loader;
  }

  /**
   * The factory for {@code entry}: one whose names hold {@code entry} or {@code
   * GROUP:ARTIFACT:entry} (the artifact's own factories first, then its dependencies'); without an
   * entry, the artifact's factory named {@code default} (or {@code GROUP:ARTIFACT:default}, or
   * {@code GROUP:ARTIFACT}), else its only factory.
   *
   * @param recipe the recipe name as the profile wrote it, for messages
   * @throws BuildoutException if there is no such factory; the message lists the names there are
   */
  RecipeFactory select(String recipe, RecipeCoordinates coordinates) {
    String entry = coordinates.entry();
    String key = coordinates.key();
    if (entry != null) {
      for (List<RecipeFactory> factories : List.of(own, dependencies)) {
        for (RecipeFactory factory : factories) {
          if (factory.names().contains(entry) || factory.names().contains(key + ":" + entry)) {
            return factory;
          }
        }
      }
      throw new BuildoutException(
          "UserError",
          "Recipe " + recipe + ": " + gav + " has no recipe entry '" + entry + "'; " + available());
    }
    for (RecipeFactory factory : own) {
      if (factory.names().contains("default")
          || factory.names().contains(key + ":default")
          || factory.names().contains(key)) {
        return factory;
      }
    }
    if (own.size() == 1) {
      return own.get(0);
    }
    if (own.isEmpty()) {
      throw new BuildoutException(
          "UserError",
          "Recipe "
              + recipe
              + ": "
              + gav
              + " contains no recipe (no RecipeFactory listed in its"
              + " META-INF/services/io.buildout4j.recipe.RecipeFactory)"
              + (dependencies.isEmpty() ? "" : "; " + available()));
    }
    throw new BuildoutException(
        "UserError",
        "Recipe "
            + recipe
            + ": "
            + gav
            + " has several recipes and none is named 'default': name one as "
            + key
            + ":"
            + coordinates.version()
            + ":ENTRY; "
            + available());
  }

  private String available() {
    TreeSet<String> names = new TreeSet<>();
    for (List<RecipeFactory> factories : List.of(own, dependencies)) {
      for (RecipeFactory factory : factories) {
        names.addAll(factory.names());
      }
    }
    return names.isEmpty()
        ? "it has no recipe entries"
        : "its entries are: " + String.join(", ", names);
  }

  @Override
  public void close() {
    close(loader);
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // nothing left to do: the jars stay open until the process ends
    }
  }

  private static boolean isIn(Class<?> type, Path jar) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    @Nullable URL location = source == null ? null : source.getLocation();
    if (location == null) {
      return false;
    }
    try {
      return Path.of(location.toURI()).normalize().equals(jar.toAbsolutePath().normalize());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every Java platform", e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

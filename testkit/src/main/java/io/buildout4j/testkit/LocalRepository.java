package io.buildout4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A directory laid out as a Maven local repository, for a test that names a recipe by coordinates
 * ({@code recipe = GROUP:ARTIFACT:VERSION}) with {@code [buildout] recipe-local-repository} set to
 * {@link #root()} and the run offline, so that nothing but this directory is used.
 *
 * <p>Resolving recipes by coordinates needs {@code buildout4j-recipes-maven} on the test's class
 * path. Immutable; {@link #install} writes into the directory.
 *
 * @param root the repository's directory, absolute
 */
public record LocalRepository(Path root) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

  /** Makes {@code root} absolute. */
  public LocalRepository {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /**
   * Installs {@code jar} as {@code GROUP:ARTIFACT:VERSION}, with a POM that declares {@code
   * dependencies}, as {@code mvn install} lays them out ({@code
   * GROUP/as/dirs/ARTIFACT/VERSION/ARTIFACT-VERSION.jar} and {@code .pom}). Called by a test before
   * the run that resolves the recipe.
   *
   * <p>The POM is a minimal one (coordinates and dependencies, no parent), so the repository needs
   * nothing else. A recipe needs no dependency on the recipe API here: the engine provides it.
   *
   * @param coordinates {@code GROUP:ARTIFACT:VERSION}
   * @param jar the jar to copy, e.g. from {@link RecipeJar#pack}
   * @param dependencies each {@code GROUP:ARTIFACT:VERSION} or {@code
   *     GROUP:ARTIFACT:VERSION:SCOPE}; they must be installed too (unless provided or test scoped)
   * @return the installed jar
   * @throws IllegalArgumentException if coordinates are malformed or {@code jar} is not a file
   * @throws UncheckedIOException if writing fails
   */
  public Path install(String coordinates, Path jar, String... dependencies) {
    String[] gav = split(coordinates, 3, 3);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("No jar at " + jar + " to install as " + coordinates);
    }
    Path directory = directory(coordinates);
    String base = gav[1] + "-" + gav[2];
    Path installed = directory.resolve(base + ".jar");
    try {
      Files.createDirectories(directory);
      Files.writeString(
          directory.resolve(base + ".pom"), pom(gav, dependencies), StandardCharsets.UTF_8);
      Files.copy(jar, installed, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot install " + coordinates + " into " + root + ": " + e.getMessage(), e);
    }
    return installed;
  }

  /**
   * The directory of {@code GROUP:ARTIFACT:VERSION} in this repository, whether it exists or not.
   *
   * @throws IllegalArgumentException if the coordinates are malformed
   */
  public Path directory(String coordinates) {
    String[] gav = split(coordinates, 3, 3);
    return root.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2]);
  }

  private static String pom(String[] gav, String... dependencies) {
    StringBuilder pom =
        new StringBuilder()
            .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n")
            .append("  <modelVersion>4.0.0</modelVersion>\n")
            .append("  <groupId>")
            .append(gav[0])
            .append("</groupId>\n")
            .append("  <artifactId>")
            .append(gav[1])
            .append("</artifactId>\n")
            .append("  <version>")
            .append(gav[2])
            .append("</version>\n");
    if (dependencies.length > 0) {
      pom.append("  <dependencies>\n");
      for (String dependency : dependencies) {
        String[] d = split(dependency, 3, 4);
        pom.append("    <dependency>\n")
            .append("      <groupId>")
            .append(d[0])
            .append("</groupId>\n")
            .append("      <artifactId>")
            .append(d[1])
            .append("</artifactId>\n")
            .append("      <version>")
            .append(d[2])
            .append("</version>\n");
        if (d.length == 4) {
          pom.append("      <scope>").append(d[3]).append("</scope>\n");
        }
        pom.append("    </dependency>\n");
      }
      pom.append("  </dependencies>\n");
    }
    return pom.append("</project>\n").toString();
  }

  private static String[] split(String coordinates, int min, int max) {
    Objects.requireNonNull(coordinates, "coordinates");
    String[] parts = coordinates.split(":", -1);
    boolean ok = parts.length >= min && parts.length <= max;
    for (String part : parts) {
      ok &= ID.matcher(part).matches();
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "Not Maven coordinates: '"
              + coordinates
              + "' (expected GROUP:ARTIFACT:VERSION"
              + (max > 3 ? "[:SCOPE]" : "")
              + ")");
    }
    return parts;
  }
}

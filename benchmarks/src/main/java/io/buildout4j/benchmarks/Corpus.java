package io.buildout4j.benchmarks;

import io.buildout4j.profile.ProfileLoader;
import io.buildout4j.profile.Profiles;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/** Finds the SlapOS profiles of the conformance corpus and the loader the benchmarks use. */
final class Corpus {
  /** System property naming the corpus directory (the one holding {@code slapos/}). */
  static final String PROPERTY = "buildout4j.corpus";

  /** The default corpus directory, relative to the repository root. */
  static final String DEFAULT = "../shared/corpus";

  private Corpus() {}

  /**
   * The profile {@code relative} to the corpus's {@code slapos/} directory, e.g. {@code
   * software/erp5/software.cfg}.
   *
   * @throws IllegalStateException with a message saying where the corpus was looked for
   */
  static Path profile(String relative) {
    Path slapos = directory().resolve("slapos");
    Path profile = slapos.resolve(relative).normalize();
    if (!Files.isRegularFile(profile)) {
      throw new IllegalStateException(
          "buildout4j benchmarks: profile "
              + profile
              + " not found in the SlapOS corpus "
              + slapos
              + "; set -D"
              + PROPERTY
              + "=DIR to the directory that holds slapos/");
    }
    return profile;
  }

  /**
   * What {@code bin/buildout4j resolve -U --no-recipes --recipe-placeholders} uses: no user
   * defaults, and a missing option of a recipe section resolves to a placeholder.
   */
  static ProfileLoader loader() {
    return Profiles.loader().userDefaults(false).recipePlaceholders(true);
  }

  /** The corpus directory: {@code -Dbuildout4j.corpus}, or {@code ../shared/corpus}. */
  static Path directory() {
    String property = System.getProperty(PROPERTY);
    boolean fromProperty = property != null && !property.isBlank();
    Path corpus;
    if (fromProperty) {
      corpus = Path.of(property).toAbsolutePath().normalize();
    } else {
      Path root = repositoryRoot();
      if (root == null) {
        throw new IllegalStateException(
            "buildout4j benchmarks: cannot find the repository root above "
                + Path.of("").toAbsolutePath()
                + " to locate "
                + DEFAULT
                + "; run from the checkout or set -D"
                + PROPERTY
                + "=DIR to the directory that holds slapos/");
      }
      corpus = root.resolve(DEFAULT).normalize();
    }
    if (!Files.isDirectory(corpus.resolve("slapos"))) {
      throw new IllegalStateException(
          "buildout4j benchmarks: no SlapOS corpus at "
              + corpus.resolve("slapos")
              + (fromProperty ? "" : " (default " + DEFAULT + " from the repository root)")
              + "; set -D"
              + PROPERTY
              + "=DIR to the directory that holds slapos/");
    }
    return corpus;
  }

  /**
   * The checkout: the nearest directory, from the working directory up, holding {@code
   * benchmarks/pom.xml}; failing that, the one above {@code benchmarks/target/benchmarks.jar}; or
   * null.
   */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("benchmarks").resolve("pom.xml"))) {
        return dir;
      }
    }
    CodeSource source = Corpus.class.getProtectionDomain().getCodeSource();
    if (source != null) {
      try {
        // benchmarks/target/benchmarks.jar or benchmarks/target/classes
        Path dir = Path.of(source.getLocation().toURI()).toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++) {
          dir = dir.getParent();
        }
        if (dir != null && Files.isRegularFile(dir.resolve("benchmarks").resolve("pom.xml"))) {
          return dir;
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a file location: no root from here
      }
    }
    return null;
  }
}

package io.buildout4j.samples.customrecipe;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where this module is, as the build tells the tests (see the surefire configuration). */
final class Sample {
  static final String ARTIFACT = "io.buildout4j:buildout4j-sample-custom-recipe";

  private Sample() {}

  /** The module's directory, {@code samples/custom-recipe}. */
  static Path directory() {
    return Path.of(property("sample.directory"));
  }

  /** The recipe's compiled classes, {@code target/classes}: not on the tests' class path. */
  static Path classes() {
    return Path.of(property("sample.classes"));
  }

  /** The module's version. */
  static String version() {
    return property("sample.version");
  }

  /** The sample profile, {@code profile/buildout.cfg}. */
  static Path profile() {
    return directory().resolve("profile/buildout.cfg");
  }

  /** Reads a properties file as Java programs do. */
  static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      properties.load(reader);
    }
    return properties;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          "System property " + name + " is not set: run the tests with Maven (see pom.xml)");
    }
    return value;
  }
}

package io.buildout4j.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Recipe artifacts for the tests, built from source and installed into a repository:
 *
 * <ul>
 *   <li>{@code org.example:helper:1.0}: a plain class {@code Greeting} and a factory {@code
 *       helper-entry};
 *   <li>{@code org.example:greeter:VERSION}: factories {@code greet}/{@code default} and {@code
 *       shout}/{@code org.example:greeter:loud}; depends on helper, on the recipe SPI and JSpecify
 *       (which must be left out), on a test-scoped and an optional artifact that do not exist;
 *   <li>{@code org.example:single:1.0}: one factory, {@code only};
 *   <li>{@code org.example:multi:1.0}: factories {@code a} and {@code b}, no default;
 *   <li>{@code org.example:broken:1.0}: depends on {@code org.example:gone:1.0}, which is absent.
 * </ul>
 */
final class Fixture {
  static final String GROUP = "org.example";

  private final Path work;
  final Path repository;
  Path helperJar;

  Fixture(Path work, Path repository) {
    this.work = work;
    this.repository = repository;
  }

  /** Builds and installs every artifact, greeter at 1.0. */
  Fixture all() throws IOException {
    helper();
    greeter("1.0", "v1");
    single();
    multi();
    broken();
    return this;
  }

  Path helper() throws IOException {
    Path jar =
        RecipeJars.build(
            work,
            "helper",
            Map.of(
                "org.example.helper.Greeting",
                """
                package org.example.helper;
                public final class Greeting {
                  public static String text() { return "hello from helper"; }
                }
                """,
                "org.example.helper.HelperFactory",
                factory("org.example.helper", "HelperFactory", "\"helper-entry\"")),
            List.of("org.example.helper.HelperFactory"),
            List.of());
    helperJar = RecipeJars.install(repository, GROUP, "helper", "1.0", jar, pom("helper", "1.0"));
    return helperJar;
  }

  /** Builds greeter at {@code version}; {@code variant} ends up in its greeting (and jar). */
  Path greeter(String version, String variant) throws IOException {
    String name = "greeter-" + version + "-" + variant;
    Path jar =
        RecipeJars.build(
            work,
            name,
            Map.of(
                "org.example.greeter.GreetFactory",
                """
                package org.example.greeter;
                import io.buildout4j.recipe.*;
                import java.util.*;
                public final class GreetFactory implements RecipeFactory {
                  public Set<String> names() { return Set.of("greet", "default"); }
                  public Recipe create(Part part) { return () -> List.of(); }
                  public String greeting() {
                    return org.example.helper.Greeting.text() + " VARIANT";
                  }
                }
                """
                    .replace("VARIANT", variant),
                "org.example.greeter.ShoutFactory",
                factory(
                    "org.example.greeter",
                    "ShoutFactory",
                    "\"shout\", \"org.example:greeter:loud\"")),
            List.of("org.example.greeter.GreetFactory", "org.example.greeter.ShoutFactory"),
            List.of(helperJar));
    return RecipeJars.install(
        repository,
        GROUP,
        "greeter",
        version,
        jar,
        RecipeJars.pom(
            GROUP,
            "greeter",
            version,
            "org.example:helper:1.0",
            "io.buildout4j:buildout4j-recipes-api:0.1.0-SNAPSHOT",
            "org.jspecify:jspecify:1.0.0",
            "org.example:only-for-tests:1.0:test",
            "org.example:optional-extra:1.0:compile:optional"));
  }

  Path single() throws IOException {
    Path jar =
        RecipeJars.build(
            work,
            "single",
            Map.of(
                "org.example.single.OnlyFactory",
                factory("org.example.single", "OnlyFactory", "\"only\"")),
            List.of("org.example.single.OnlyFactory"),
            List.of());
    return RecipeJars.install(repository, GROUP, "single", "1.0", jar, pom("single", "1.0"));
  }

  Path multi() throws IOException {
    Path jar =
        RecipeJars.build(
            work,
            "multi",
            Map.of(
                "org.example.multi.AFactory",
                factory("org.example.multi", "AFactory", "\"a\""),
                "org.example.multi.BFactory",
                factory("org.example.multi", "BFactory", "\"b\"")),
            List.of("org.example.multi.AFactory", "org.example.multi.BFactory"),
            List.of());
    return RecipeJars.install(repository, GROUP, "multi", "1.0", jar, pom("multi", "1.0"));
  }

  Path broken() throws IOException {
    Path jar =
        RecipeJars.build(
            work,
            "broken",
            Map.of(
                "org.example.broken.BrokenFactory",
                factory("org.example.broken", "BrokenFactory", "\"default\"")),
            List.of("org.example.broken.BrokenFactory"),
            List.of());
    return RecipeJars.install(
        repository,
        GROUP,
        "broken",
        "1.0",
        jar,
        RecipeJars.pom(GROUP, "broken", "1.0", "org.example:gone:1.0"));
  }

  private static String pom(String artifactId, String version) {
    return RecipeJars.pom(GROUP, artifactId, version);
  }

  private static String factory(String pkg, String name, String names) {
    return """
        package PKG;
        import io.buildout4j.recipe.*;
        import java.util.*;
        public final class NAME implements RecipeFactory {
          public Set<String> names() { return Set.of(NAMES); }
          public Recipe create(Part part) { return () -> List.of(); }
        }
        """
        .replace("PKG", pkg)
        .replace("NAMES", names)
        .replace("NAME", name);
  }
}

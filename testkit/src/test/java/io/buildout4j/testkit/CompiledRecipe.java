package io.buildout4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A recipe compiled by the test into a directory of its own, outside the test's class path, as a
 * recipe module's {@code target/classes} is to the engine that runs it: {@code packed.echo} writes
 * {@code text} to {@code parts/PART.txt}.
 */
final class CompiledRecipe {
  private CompiledRecipe() {}

  static final String SOURCE =
      """
      package packed;

      import io.buildout4j.recipe.*;
      import java.nio.file.*;
      import java.util.*;

      public final class EchoRecipe implements RecipeFactory {
        public Set<String> names() { return Set.of("packed.echo"); }

        public Recipe create(Part part) {
          String text = part.options().require("text");
          Path file = part.directories().parts().resolve(part.name() + ".txt");
          return () -> {
            part.created(file);
            Files.writeString(file, "VERSION " + text);
            return List.of(file);
          };
        }
      }
      """;

  /** Compiles the recipe, {@code version} in its output, into {@code classes}. */
  static Path compile(Path work, String version) throws IOException {
    Path source = work.resolve("src/packed/EchoRecipe.java");
    Path classes = work.resolve("classes");
    Files.createDirectories(source.getParent());
    Files.createDirectories(classes.resolve("META-INF/services"));
    Files.writeString(source, SOURCE.replace("VERSION", version));
    Files.writeString(
        classes.resolve("META-INF/services/" + RecipeFactory.class.getName()),
        "packed.EchoRecipe\n");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "--release", "17", "-classpath", apiLocation().toString(), "-d", classes.toString());
      boolean ok =
          compiler
              .getTask(
                  errors, files, null, options, null, files.getJavaFileObjects(source.toFile()))
              .call();
      assertTrue(ok, errors.toString());
    }
    return classes;
  }

  private static Path apiLocation() {
    try {
      return Path.of(
          RecipeFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

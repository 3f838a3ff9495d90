package io.buildout4j.testkit;

import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs a directory of compiled recipe classes (e.g. {@code target/classes}) into a jar, for a test
 * that uses the recipe as users will: from a {@code [buildout] develop} jar, or from a Maven
 * repository laid out with {@link LocalRepository}. Maven's test phase runs before its package
 * phase, so a test that needs its module's jar builds it this way.
 *
 * <p>The jar is reproducible: the same classes give the same bytes (entries sorted, fixed times),
 * so its recipe signature changes only when the code does.
 */
public final class RecipeJar {
  private static final String SERVICES = "META-INF/services/" + RecipeFactory.class.getName();
  private static final FileTime EPOCH = FileTime.fromMillis(315532800000L); // 1980-01-01

  private RecipeJar() {}

  /**
   * Writes {@code jar} with every file under {@code classes}.
   *
   * @param classes a directory of compiled classes that registers its recipes in {@code
   *     META-INF/services/io.buildout4j.recipe.RecipeFactory}
   * @param jar the jar to write (replaced if it exists); its directory is created
   * @return {@code jar}
   * @throws IllegalArgumentException if {@code classes} is not a directory or registers no recipe
   *     (the engine would find none in the jar)
   * @throws UncheckedIOException if reading or writing fails
   */
  public static Path pack(Path classes, Path jar) {
    if (!Files.isDirectory(classes)) {
      throw new IllegalArgumentException(
          "No directory of classes at " + classes + " (has the module been compiled?)");
    }
    if (!Files.isRegularFile(classes.resolve(SERVICES))) {
      throw new IllegalArgumentException(
          classes + " has no " + SERVICES + ": the engine would find no recipe in the jar");
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try {
      Files.createDirectories(jar.toAbsolutePath().getParent());
      List<Path> files;
      try (Stream<Path> walk = Files.walk(classes)) {
        files =
            walk.filter(Files::isRegularFile)
                .filter(f -> !classes.relativize(f).toString().equals(JarFile.MANIFEST_NAME))
                .sorted()
                .toList();
      }
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream jarOut = new JarOutputStream(out)) {
        JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
        manifestEntry.setLastModifiedTime(EPOCH);
        jarOut.putNextEntry(manifestEntry);
        manifest.write(jarOut);
        jarOut.closeEntry();
        for (Path file : files) {
          JarEntry entry = new JarEntry(classes.relativize(file).toString().replace('\\', '/'));
          entry.setLastModifiedTime(EPOCH);
          jarOut.putNextEntry(entry);
          jarOut.write(Files.readAllBytes(file));
          jarOut.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot pack " + classes + " into " + jar + ": " + e.getMessage(), e);
    }
    return jar;
  }
}

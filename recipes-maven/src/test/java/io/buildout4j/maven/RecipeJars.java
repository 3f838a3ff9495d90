package io.buildout4j.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.recipe.RecipeFactory;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds recipe jars for tests: compiles Java sources with the JDK's compiler against the recipe
 * SPI, writes a jar with {@code META-INF/services}, and installs it with a POM into a directory
 * laid out as a Maven repository.
 */
final class RecipeJars {
  private RecipeJars() {}

  /** The directory or jar the recipe SPI was loaded from (on the test class path). */
  static Path apiLocation() {
    try {
      return Path.of(
          RecipeFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Compiles {@code sources} (class name to source text) against the recipe SPI and {@code
   * classPath}, and writes them to a jar listing {@code factories} as recipe factories.
   *
   * @return the jar, in {@code work}
   */
  static Path build(
      Path work,
      String name,
      Map<String, String> sources,
      List<String> factories,
      List<Path> classPath)
      throws IOException {
    Path sourceDir = Files.createDirectories(work.resolve(name + "-src"));
    Path classes = Files.createDirectories(work.resolve(name + "-classes"));
    List<File> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file.toFile());
    }
    List<String> path = new ArrayList<>();
    path.add(apiLocation().toString());
    classPath.forEach(p -> path.add(p.toString()));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    try (StandardJavaFileManager manager =
        compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromFiles(files);
      List<String> options =
          List.of(
              "--release",
              "17",
              "-classpath",
              String.join(File.pathSeparator, path),
              "-d",
              classes.toString());
      boolean ok = compiler.getTask(errors, manager, null, options, null, units).call();
      assertTrue(ok, "compiling " + name + ": " + errors);
    }
    Path jar = work.resolve(name + ".jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        jarOut.write(Files.readAllBytes(file));
        jarOut.closeEntry();
      }
      if (!factories.isEmpty()) {
        jarOut.putNextEntry(new JarEntry("META-INF/services/" + RecipeFactory.class.getName()));
        jarOut.write((String.join("\n", factories) + "\n").getBytes(StandardCharsets.UTF_8));
        jarOut.closeEntry();
      }
    }
    return jar;
  }

  /** A dependency in a POM: {@code GROUP:ARTIFACT:VERSION[:SCOPE[:optional]]}. */
  static String pom(String groupId, String artifactId, String version, String... dependencies) {
    StringBuilder pom = new StringBuilder();
    pom.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n")
        .append("  <modelVersion>4.0.0</modelVersion>\n")
        .append("  <groupId>")
        .append(groupId)
        .append("</groupId>\n  <artifactId>")
        .append(artifactId)
        .append("</artifactId>\n  <version>")
        .append(version)
        .append("</version>\n");
    if (dependencies.length > 0) {
      pom.append("  <dependencies>\n");
      for (String dependency : dependencies) {
        String[] parts = dependency.split(":");
        pom.append("    <dependency><groupId>")
            .append(parts[0])
            .append("</groupId><artifactId>")
            .append(parts[1])
            .append("</artifactId><version>")
            .append(parts[2])
            .append("</version>");
        if (parts.length > 3) {
          pom.append("<scope>").append(parts[3]).append("</scope>");
        }
        if (parts.length > 4) {
          pom.append("<optional>true</optional>");
        }
        pom.append("</dependency>\n");
      }
      pom.append("  </dependencies>\n");
    }
    return pom.append("</project>\n").toString();
  }

  /**
   * Installs {@code jar} (if not null) and {@code pom} into {@code repository} as Maven lays them
   * out, with {@code .sha1} files.
   *
   * @return the installed jar, or the POM if there is no jar
   */
  static Path install(
      Path repository, String groupId, String artifactId, String version, Path jar, String pom)
      throws IOException {
    Path directory =
        repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
    Files.createDirectories(directory);
    String base = artifactId + "-" + version;
    Path pomFile = directory.resolve(base + ".pom");
    Files.writeString(pomFile, pom);
    sha1(pomFile);
    Path installed = directory.resolve(base + ".jar");
    Files.copy(jar, installed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    sha1(installed);
    return installed;
  }

  /** Writes {@code maven-metadata-local.xml} listing {@code versions} (for version ranges). */
  static void localMetadata(Path repository, String groupId, String artifactId, String... versions)
      throws IOException {
    Path directory = repository.resolve(groupId.replace('.', '/')).resolve(artifactId);
    Files.createDirectories(directory);
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n")
        .append("  <groupId>")
        .append(groupId)
        .append("</groupId>\n  <artifactId>")
        .append(artifactId)
        .append("</artifactId>\n  <versioning>\n    <versions>\n");
    for (String version : versions) {
      xml.append("      <version>").append(version).append("</version>\n");
    }
    xml.append("    </versions>\n  </versioning>\n</metadata>\n");
    Files.writeString(directory.resolve("maven-metadata-local.xml"), xml);
  }

  /** The first 16 hex digits of the file's SHA-256, as signatures show them. */
  static String sha256Prefix(Path file) throws IOException {
    return hex(file, "SHA-256").substring(0, 16);
  }

  private static void sha1(Path file) throws IOException {
    Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), hex(file, "SHA-1"));
  }

  private static String hex(Path file, String algorithm) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

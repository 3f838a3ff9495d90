package io.buildout4j.engine;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.buildout4j.profile.BuildoutException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The identity of recipe code for change detection: {@code NAME-HASH}, where NAME is the jar's or
 * directory's file name and HASH the first 16 hex digits of a SHA-256 over the jar's bytes, or over
 * a directory's sorted relative file names and contents. Any change to the code changes it, and
 * reinstalls every part that uses it (buildout's {@code __buildout_signature__}).
 */
final class CodeSignature {
  private static final Map<Path, String> STABLE = new ConcurrentHashMap<>();

  private CodeSignature() {}

  /**
   * The signature of the jar or directory a class was loaded from, cached for the process (the
   * engine's own class path does not change while it runs); {@code class:NAME} if the class has no
   * code source.
   */
  static String ofClass(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "class:" + type.getName();
    }
    Path path;
    try {
      path = Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return "class:" + type.getName();
    }
    return STABLE.computeIfAbsent(path, CodeSignature::of);
  }

  /** The signature of a jar or a directory of classes, computed now. */
  static String of(Path path) {
    try {
      Hasher hasher = Hashing.sha256().newHasher();
      if (Files.isDirectory(path)) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
          hasher.putString(path.relativize(file).toString(), StandardCharsets.UTF_8);
          hasher.putByte((byte) 0);
          hasher.putBytes(Files.readAllBytes(file));
          hasher.putByte((byte) 0);
        }
      } else {
        try (InputStream in = Files.newInputStream(path)) {
          byte[] buffer = new byte[65536];
          int read;
          while ((read = in.read(buffer)) > 0) {
            hasher.putBytes(buffer, 0, read);
          }
        }
      }
      return path.getFileName() + "-" + hasher.hash().toString().substring(0, 16);
    } catch (IOException e) {
      throw new BuildoutException(
          "UserError", "Cannot read recipe code at " + path + ": " + e.getMessage(), e);
    }
  }
}

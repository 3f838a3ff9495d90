package io.buildout4j.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything under a buildout directory, for comparing two runs: each path (relative, with {@code
 * /} after directories) with its content (files), its target (symbolic links) or nothing
 * (directories). The part logs under {@code .buildout4j/} are left out; everything else counts,
 * {@code .installed.cfg}, a leftover {@code .installed.cfg.tmp} and the lock file included.
 */
final class DirectorySnapshot {
  private DirectorySnapshot() {}

  static Map<String, String> of(Path directory) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(directory)) {
              return FileVisitResult.CONTINUE;
            }
            String name = relative(directory, dir);
            if (name.equals(".buildout4j")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            entries.put(name + "/", "");
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = relative(directory, file);
            if (attrs.isSymbolicLink()) {
              entries.put(name, "-> " + Files.readSymbolicLink(file));
            } else {
              entries.put(name, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return entries;
  }

  /**
   * The differences, one per line ({@code + path} only in actual, {@code - path}, {@code ~ path}).
   */
  static String diff(Map<String, String> expected, Map<String, String> actual) {
    StringBuilder out = new StringBuilder();
    TreeSet<String> names = new TreeSet<>(expected.keySet());
    names.addAll(actual.keySet());
    for (String name : names) {
      String want = expected.get(name);
      String got = actual.get(name);
      if (want == null) {
        out.append("+ ").append(name).append('\n');
      } else if (got == null) {
        out.append("- ").append(name).append('\n');
      } else if (!Objects.equals(want, got)) {
        out.append("~ ")
            .append(name)
            .append("\n  expected: ")
            .append(want.replace("\n", "\n            "))
            .append("\n  actual:   ")
            .append(got.replace("\n", "\n            "))
            .append('\n');
      }
    }
    return out.toString();
  }

  /** Copies the tree at {@code from} to {@code to} (which must not exist). */
  static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectory(to.resolve(from.relativize(dir)));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(file, to.resolve(from.relativize(file)), LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static String relative(Path directory, Path path) {
    return directory.relativize(path).toString().replace('\\', '/');
  }
}

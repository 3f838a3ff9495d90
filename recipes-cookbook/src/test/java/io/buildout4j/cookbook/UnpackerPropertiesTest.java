package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.buildout4j.cookbook.Unpacker.Format;
import io.buildout4j.cookbook.Unpacker.Strip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever an archive holds, unpacking it either succeeds or fails with an {@link UnpackException};
 * it never writes outside the target, and a failure leaves no target and no staging directory.
 * Checked on random sequences of files, directories, symbolic links and hard links whose names and
 * link targets are drawn from {@code ..}, absolute paths, the sentinel's path and ordinary names,
 * and on valid archives with random bytes corrupted.
 */
class UnpackerPropertiesTest {
  private static final String[] COMPONENTS = {"a", "b", "c", "d", "e", "f", "..", "."};
  private static final String[] LINK_TARGETS = {
    "a",
    "b",
    "a/b",
    "..",
    "../..",
    "../../..",
    "../../../sentinel",
    "../../../sentinel/secret",
    "/",
    "SENTINEL",
    "SENTINEL/secret",
    "c/../..",
    ".",
    "b/..",
  };

  @TempDir Path work;
  private int example;

  /** A fresh directory with a sentinel, for one example. */
  private record Example(Path base, Path sentinel, Path out, Map<String, String> before) {}

  private Example example() {
    try {
      Path base = Files.createDirectories(work.resolve("example-" + example++));
      Path sentinel = Files.createDirectories(base.resolve("sentinel"));
      Files.writeString(sentinel.resolve("secret"), "do not touch\n");
      Path out = Files.createDirectories(base.resolve("out"));
      return new Example(base, sentinel, out, snapshot(sentinel));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> snapshot(Path directory) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.toList()) {
        String description =
            PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS))
                + " "
                + Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS)
                + " "
                + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          description += " " + Files.readString(path);
        }
        files.put(directory.relativize(path).toString(), description);
      }
    }
    return files;
  }

  private static String name(int code, String sentinel) {
    int prefix = code % 16;
    code /= 16;
    int length = 1 + code % 3;
    code /= 3;
    List<String> components = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      components.add(COMPONENTS[code % COMPONENTS.length]);
      code /= COMPONENTS.length;
    }
    String start =
        switch (prefix) {
          case 0 -> "/";
          case 1 -> sentinel + "/";
          default -> "";
        };
    return start + String.join("/", components);
  }

  /** Decodes one generated number into an entry of {@code archive}. */
  private static void add(TestArchive archive, int code, String sentinel, Format format) {
    int type = code % 4;
    code /= 4;
    String name = name(code % 100_000, sentinel);
    code /= 100_000;
    String target = LINK_TARGETS[code % LINK_TARGETS.length].replace("SENTINEL", sentinel);
    switch (type) {
      case 0 -> archive.file(name, 0644, "content " + code + "\n");
      case 1 -> archive.dir(name, 0755);
      case 2 -> archive.symlink(name, target);
      default -> {
        if (format == Format.ZIP) {
          archive.file(name, 0755, "x");
        } else {
          archive.hardLink(name, target.startsWith("..") ? target : name(code, sentinel));
        }
      }
    }
  }

  /** Unpacks and checks the property; returns whether the unpack succeeded. */
  private static boolean check(Example example, Path archive) {
    Path target = example.out().resolve("target");
    boolean unpacked;
    try {
      new Unpacker().unpack(archive, target, Strip.IF_SINGLE_DIRECTORY);
      unpacked = true;
    } catch (UnpackException e) {
      unpacked = false;
      assertFalse(
          Files.exists(target, LinkOption.NOFOLLOW_LINKS), "a refused unpack left " + target);
    }
    try {
      assertEquals(example.before(), snapshot(example.sentinel()), "the sentinel changed");
      try (Stream<Path> list = Files.list(example.out())) {
        assertEquals(unpacked ? List.of(target) : List.of(), list.toList());
      }
      try (Stream<Path> list = Files.list(example.base())) {
        assertEquals(3, list.count(), "something was written next to the target");
      }
      if (unpacked) {
        Path real = target.toRealPath();
        try (Stream<Path> walk = Files.walk(target)) {
          for (Path path : walk.toList()) {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
              assertTrue(path.toRealPath().startsWith(real), path + " is outside");
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return unpacked;
  }

  @Test
  void randomEntriesNeverWriteOutsideTheTarget() {
    int[] outcomes = new int[2];
    for (Format format : List.of(Format.TAR, Format.ZIP)) {
      qt().withExamples(400)
          .withShrinkCycles(200)
          .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 8))
          .checkAssert(
              codes -> {
                Example example = example();
                TestArchive archive = new TestArchive();
                for (int code : codes) {
                  add(archive, code, example.sentinel().toString(), format);
                }
                try {
                  Path file = archive.write(example.base().resolve("archive"), format);
                  outcomes[check(example, file) ? 0 : 1]++;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    System.out.println(
        "Random archives: " + outcomes[0] + " unpacked, " + outcomes[1] + " refused");
    assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "both outcomes are exercised");
  }

  @Test
  void corruptedArchivesFailCleanlyOrUnpackInside() throws IOException {
    for (Format format : Format.values()) {
      TestArchive archive =
          new TestArchive()
              .dir("top/", 0755)
              .file("top/bin/run", 0755, "#!/bin/sh\necho run\n")
              .symlink("top/bin/alias", "run")
              .file("top/lib/data", 0644, "data ".repeat(200))
              .symlink("top/lib64", "lib")
              .file("top/lib64/more", 0644, "more");
      if (format != Format.ZIP) {
        archive.hardLink("top/bin/again", "top/bin/run");
      }
      byte[] valid = Files.readAllBytes(archive.write(work.resolve("valid"), format));
      qt().withExamples(150)
          .withShrinkCycles(100)
          .forAll(
              lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 6),
              integers().between(0, 4))
          .checkAssert(
              (mutations, truncate) -> {
                byte[] bytes = valid.clone();
                for (int mutation : mutations) {
                  bytes[mutation % bytes.length] = (byte) (mutation >>> 16);
                }
                if (truncate == 0) {
                  bytes = java.util.Arrays.copyOf(bytes, mutations.get(0) % bytes.length);
                }
                Example example = example();
                try {
                  Path file = Files.write(example.base().resolve("archive"), bytes);
                  check(example, file);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}

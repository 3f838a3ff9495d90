package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.buildout4j.cookbook.Unpacker.Format;
import io.buildout4j.cookbook.Unpacker.Strip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted archives that try to write outside the target, in every format that can express each
 * trick. Each must be refused, naming the archive and the entry; the target must not exist
 * afterwards, its parent must hold nothing, and a sentinel directory outside (which the archives
 * aim at) must be exactly as before.
 */
class MaliciousArchiveTest {
  @TempDir Path work;

  /**
   * One trick.
   *
   * @param name what it tries
   * @param archive the archive, given the sentinel's absolute path and an absolute path under /tmp
   * @param entry the entry that must be named, given the same
   * @param reason a fragment of the expected reason
   */
  private record Case(
      String name,
      Function<Paths, TestArchive> archive,
      Function<Paths, String> entry,
      String reason) {}

  /** The absolute paths the archives aim at. */
  private record Paths(String sentinel, String tmp, Format format) {}

  private static Case of(
      String name, Function<Paths, TestArchive> archive, String entry, String reason) {
    return new Case(name, archive, p -> entry, reason);
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        of(
            "zip-slip ../evil",
            p -> new TestArchive().file("../evil", "x"),
            "../evil",
            "'..' component"));
    cases.add(
        of(
            "nested zip-slip",
            p -> new TestArchive().file("top/a/../../../evil", "x"),
            "top/a/../../../evil",
            "'..' component"));
    cases.add(
        of(
            "dot-dot directory",
            p -> new TestArchive().dir("../evil-dir/", 0755),
            "../evil-dir/",
            "'..' component"));
    cases.add(
        of(
            "dot-dot aimed at the sentinel",
            p -> new TestArchive().file("../../../sentinel/evil", "x"),
            "../../../sentinel/evil",
            "'..' component"));
    cases.add(
        new Case(
            "backslash dot-dot",
            p -> new TestArchive().file("..\\evil", "x"),
            // Commons Compress reads backslashes in zip names as separators, as Windows tools mean
            // them
            p -> p.format() == Format.ZIP ? "../evil" : "..\\evil",
            "'..' component"));
    cases.add(
        new Case(
            "absolute path into the sentinel",
            p -> new TestArchive().file(p.sentinel() + "/evil", "x"),
            p -> p.sentinel() + "/evil",
            "is an absolute path"));
    cases.add(
        new Case(
            "absolute path under /tmp",
            p -> new TestArchive().file(p.tmp() + "/evil", "x"),
            p -> p.tmp() + "/evil",
            "is an absolute path"));
    cases.add(
        new Case(
            "absolute directory",
            p -> new TestArchive().dir(p.sentinel() + "/newdir/", 0755),
            p -> p.sentinel() + "/newdir/",
            "is an absolute path"));
    cases.add(
        new Case(
            "symlink to the sentinel, then a file through it",
            p -> new TestArchive().symlink("link", p.sentinel()).file("link/evil", "x"),
            p -> "link/evil",
            "outside the target, through the symbolic link link -> "));
    cases.add(
        of(
            "symlink to the sentinel, then a nested file through it",
            p -> new TestArchive().symlink("link", p.sentinel()).file("link/a/b/evil", "x"),
            "link/a/b/evil",
            "outside the target"));
    cases.add(
        of(
            "symlink to the sentinel, then a directory through it",
            p -> new TestArchive().symlink("link", p.sentinel()).dir("link/sub/", 0777),
            "link/sub/",
            "outside the target"));
    cases.add(
        of(
            "symlink to .., then a file through it",
            p -> new TestArchive().symlink("link", "..").file("link/evil", "x"),
            "link/evil",
            "outside the target"));
    cases.add(
        of(
            "symlink to ../.., then a file through it",
            p -> new TestArchive().symlink("link", "../..").file("link/evil", "x"),
            "link/evil",
            "outside the target"));
    cases.add(
        of(
            "relative symlink to the sentinel, then a file through it",
            p -> new TestArchive().symlink("link", "../../../sentinel").file("link/evil", "x"),
            "link/evil",
            "outside the target"));
    cases.add(
        of(
            "nested symlink up, then a file through it",
            p ->
                new TestArchive()
                    .dir("top/", 0755)
                    .symlink("top/up", "../..")
                    .file("top/up/evil", "x"),
            "top/up/evil",
            "outside the target"));
    cases.add(
        of(
            "chain of symlinks ending at the sentinel",
            p ->
                new TestArchive()
                    .symlink("a", "b")
                    .symlink("b", "c")
                    .symlink("c", p.sentinel())
                    .file("a/evil", "x"),
            "a/evil",
            "outside the target"));
    cases.add(
        of(
            "chain of relative symlinks climbing out",
            p ->
                new TestArchive()
                    .dir("d/", 0755)
                    .symlink("d/l1", "..")
                    .symlink("d/l2", "l1/..")
                    .file("d/l2/evil", "x"),
            "d/l2/evil",
            "outside the target"));
    cases.add(
        of(
            "symlink through a directory symlink",
            p ->
                new TestArchive()
                    .symlink("x", "y/z")
                    .dir("y/", 0755)
                    .symlink("y/z", p.sentinel())
                    .file("x/evil", "x"),
            "x/evil",
            "outside the target"));
    cases.add(
        new Case(
            "symlink to /, then the sentinel's path through it",
            p -> new TestArchive().symlink("root", "/").file("root" + p.sentinel() + "/evil", "x"),
            p -> "root" + p.sentinel() + "/evil",
            "outside the target"));
    cases.add(
        of(
            "symlink loop",
            p -> new TestArchive().symlink("a", "b").symlink("b", "a").file("a/evil", "x"),
            "a/evil",
            "leads nowhere (or loops)"));
    cases.add(
        of(
            "dangling symlink, made to lead outside later",
            p -> new TestArchive().symlink("a", "b").symlink("b", p.sentinel()).file("a/evil", "x"),
            "a/evil",
            "outside the target"));
    cases.add(
        of(
            "a directory replaced by a symlink to the sentinel",
            p -> new TestArchive().file("d/x", "x").symlink("d", p.sentinel()).file("d/evil", "x"),
            "d",
            "would replace the directory d"));
    cases.add(
        of(
            "hard link to an absolute path",
            p -> new TestArchive().hardLink("h", p.sentinel() + "/secret"),
            "h",
            "is a hard link to an absolute path"));
    cases.add(
        of(
            "hard link with ..",
            p -> new TestArchive().hardLink("h", "../../../sentinel/secret"),
            "h",
            "'..' component"));
    cases.add(
        of(
            "hard link through a symlink to the sentinel",
            p -> new TestArchive().symlink("link", p.sentinel()).hardLink("h", "link/secret"),
            "h",
            "outside the target"));
    cases.add(
        of(
            "hard link to a symlink to a file outside",
            p -> new TestArchive().symlink("s", p.sentinel() + "/secret").hardLink("h", "s"),
            "h",
            "leads outside the target"));
    cases.add(
        of(
            "hard link to an entry not yet unpacked",
            p -> new TestArchive().hardLink("h", "later").file("later", "x"),
            "h",
            "which no earlier entry of the archive has unpacked"));
    cases.add(
        of(
            "hard link to a directory",
            p -> new TestArchive().dir("d/", 0755).hardLink("h", "d"),
            "h",
            "is not a regular file"));
    cases.add(
        of(
            "character device",
            p -> new TestArchive().characterDevice("dev"),
            "dev",
            "is a device file"));
    cases.add(of("FIFO", p -> new TestArchive().fifo("pipe"), "pipe", "is a FIFO"));
    return cases;
  }

  /** Every file under {@code directory}: type, mode, link count, size, time and content. */
  private static Map<String, String> snapshot(Path directory) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.toList()) {
        String description =
            PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS))
                + " nlink="
                + Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS)
                + " modified="
                + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          description += " content=" + Files.readString(path);
        }
        files.put(directory.relativize(path).toString(), description);
      }
    }
    return files;
  }

  @Test
  void everyTrickIsRefusedInEveryFormatThatCanExpressItAndNothingLandsOutside() throws IOException {
    List<String> failures = new ArrayList<>();
    int tried = 0;
    int number = 0;
    for (Case trick : cases()) {
      for (Format format : Format.values()) {
        number++;
        Path base = Files.createDirectories(work.resolve("case-" + number));
        Path sentinel = Files.createDirectories(base.resolve("sentinel"));
        Files.writeString(sentinel.resolve("secret"), "do not touch\n");
        Path out = Files.createDirectories(base.resolve("out"));
        Path tmp = Path.of("/tmp", "buildout4j-unpack-test-" + UUID.randomUUID());
        Paths paths = new Paths(sentinel.toString(), tmp.toString(), format);
        TestArchive archive = trick.archive().apply(paths);
        if (!archive.expressibleIn(format)) {
          continue;
        }
        tried++;
        Path file = archive.write(base.resolve("evil." + format.label()), format);
        String label = "https://example.org/case-" + number + "/evil." + format.label();
        Map<String, String> before = snapshot(sentinel);
        Path target = out.resolve("target");
        String what = trick.name() + " (" + format.label() + ")";
        String entry = trick.entry().apply(paths);
        try {
          new Unpacker().unpack(file, label, target, Strip.IF_SINGLE_DIRECTORY);
          failures.add(what + ": was unpacked");
        } catch (UnpackException e) {
          if (!entry.equals(e.entry())) {
            failures.add(what + ": names entry " + e.entry() + ", not " + entry);
          }
          String message = e.getMessage();
          if (!message.contains(label) || !message.contains("'" + entry + "'")) {
            failures.add(what + ": the message does not name the archive and entry: " + message);
          }
          if (!message.contains(trick.reason())) {
            failures.add(what + ": unexpected reason: " + message);
          }
        } catch (RuntimeException e) {
          failures.add(what + ": failed with " + e);
        }
        if (!before.equals(snapshot(sentinel))) {
          failures.add(what + ": the sentinel changed: " + snapshot(sentinel));
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          failures.add(what + ": the target exists");
        }
        try (Stream<Path> left = Files.list(out)) {
          List<Path> leftovers = left.toList();
          if (!leftovers.isEmpty()) {
            failures.add(what + ": left " + leftovers);
          }
        }
        try (Stream<Path> around = Files.list(base)) {
          List<String> names = around.map(path -> path.getFileName().toString()).sorted().toList();
          if (!names.equals(List.of("evil." + format.label(), "out", "sentinel"))) {
            failures.add(what + ": wrote next to the target: " + names);
          }
        }
        if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
          failures.add(what + ": created " + tmp);
        }
      }
    }
    long refused = tried - failures.stream().filter(f -> f.endsWith(": was unpacked")).count();
    System.out.println(
        "Malicious archives tried: "
            + tried
            + " ("
            + cases().size()
            + " tricks, each in every format that can express it: tar, tar.gz, tar.bz2, tar.xz,"
            + " and zip unless it needs a hard link); refused: "
            + refused);
    assertEquals(List.of(), failures);
    assertEquals(144, tried);
  }

  @Test
  void linksThatPointOutsideAreKeptButNeverWrittenThrough() throws IOException {
    for (Format format : Format.values()) {
      Path base = Files.createDirectories(work.resolve("safe-" + format));
      Path sentinel = Files.createDirectories(base.resolve("sentinel"));
      Files.writeString(sentinel.resolve("secret"), "do not touch\n");
      Map<String, String> before = snapshot(sentinel);
      Path file =
          new TestArchive()
              .symlink("top/outside", sentinel.toString())
              .symlink("top/secret", sentinel + "/secret")
              .file("top/secret", "replaced the link, not the file\n")
              .symlink("top/up", "..")
              .write(base.resolve("links." + format.label()), format);
      Path target = base.resolve("out");
      new Unpacker().unpack(file, target, Strip.IF_SINGLE_DIRECTORY);
      assertEquals(sentinel, Files.readSymbolicLink(target.resolve("outside")));
      assertFalse(Files.isSymbolicLink(target.resolve("secret")));
      assertEquals("replaced the link, not the file\n", Files.readString(target.resolve("secret")));
      assertTrue(Files.isSymbolicLink(target.resolve("up")));
      assertEquals(before, snapshot(sentinel));
      assertEquals("do not touch\n", Files.readString(sentinel.resolve("secret")));
    }
  }

  @Test
  void aRefusedArchiveLeavesAnEarlierTargetAloneAndTheCallerCanRetry() throws IOException {
    Path base = work.resolve("retry");
    Files.createDirectories(base);
    Path evil =
        new TestArchive()
            .file("top/fine", "fine")
            .symlink("top/link", "/")
            .file("top/link/etc/evil", "x")
            .write(base.resolve("evil.tar.gz"), Format.TAR_GZIP);
    Path target = base.resolve("target");
    try {
      new Unpacker().unpack(evil, target, Strip.IF_SINGLE_DIRECTORY);
      fail("unpacked");
    } catch (UnpackException e) {
      assertEquals("top/link/etc/evil", e.entry());
    }
    assertFalse(Files.exists(target));
    Path good =
        new TestArchive().file("top/fine", "fine").write(base.resolve("good.zip"), Format.ZIP);
    new Unpacker().unpack(good, target, Strip.IF_SINGLE_DIRECTORY);
    assertEquals("fine", Files.readString(target.resolve("fine")));
  }
}

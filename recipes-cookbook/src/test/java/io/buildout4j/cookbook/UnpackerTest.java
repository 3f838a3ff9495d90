package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.cookbook.Unpacker.Format;
import io.buildout4j.cookbook.Unpacker.Strip;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Unpacking real archives of every format: modes, links, stripping, detection, failures. */
class UnpackerTest {
  @TempDir Path work;

  /** A release tarball as software ships it: one top-level directory, scripts, links. */
  private static TestArchive release(Format format) {
    TestArchive archive =
        new TestArchive()
            .dir("pkg-1.0/", 0755)
            .dir("pkg-1.0/bin/", 0750)
            .file("pkg-1.0/bin/run", 0755, "#!/bin/sh\necho hello\n")
            .symlink("pkg-1.0/bin/alias", "run")
            .dir("pkg-1.0/lib/", 0755)
            .file("pkg-1.0/lib/data.txt", 0640, "data\n")
            .symlink("pkg-1.0/lib64", "lib")
            .file("pkg-1.0/lib64/through.txt", 0600, "through a link inside\n")
            .file("pkg-1.0/a/b/c/deep.txt", 0644, "deep\n")
            .dir("pkg-1.0/readonly/", 0555)
            .file("pkg-1.0/readonly/file.txt", 0444, "read only\n")
            .symlink("pkg-1.0/system", "/usr/bin");
    if (format != Format.ZIP) {
      archive.hardLink("pkg-1.0/bin/run-again", "pkg-1.0/bin/run");
    }
    return archive;
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static void assertRelease(Path top, Format format) throws IOException {
    assertEquals("rwxr-xr-x", mode(top));
    assertEquals("rwxr-x---", mode(top.resolve("bin")));
    assertEquals("#!/bin/sh\necho hello\n", Files.readString(top.resolve("bin/run")));
    assertEquals("rwxr-xr-x", mode(top.resolve("bin/run")));
    assertTrue(Files.isSymbolicLink(top.resolve("bin/alias")));
    assertEquals(Path.of("run"), Files.readSymbolicLink(top.resolve("bin/alias")));
    assertEquals("rw-r-----", mode(top.resolve("lib/data.txt")));
    assertTrue(Files.isSymbolicLink(top.resolve("lib64")));
    assertEquals("through a link inside\n", Files.readString(top.resolve("lib/through.txt")));
    assertEquals("rw-------", mode(top.resolve("lib/through.txt")));
    assertEquals("deep\n", Files.readString(top.resolve("a/b/c/deep.txt")));
    assertEquals("r-xr-xr-x", mode(top.resolve("readonly")));
    assertEquals("r--r--r--", mode(top.resolve("readonly/file.txt")));
    assertEquals(Path.of("/usr/bin"), Files.readSymbolicLink(top.resolve("system")));
    if (format != Format.ZIP) {
      assertTrue(Files.isSameFile(top.resolve("bin/run"), top.resolve("bin/run-again")));
      assertEquals(2, Files.getAttribute(top.resolve("bin/run"), "unix:nlink"));
    }
  }

  private Path archive(TestArchive archive, Format format) throws IOException {
    return archive.write(work.resolve("archive." + format.label()), format);
  }

  private void assertNoStaging(Path target) {
    assertFalse(Files.exists(Unpacker.stagingDirectory(target), LinkOption.NOFOLLOW_LINKS));
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void unpacksEveryFormatKeepingModesAndLinksAndStripsTheSingleTopDirectory(Format format)
      throws IOException {
    Path file = archive(release(format), format);
    assertEquals(format, Unpacker.detect(file));
    Path target = work.resolve("out");
    Unpacker.Result result = new Unpacker().unpack(file, target, Strip.IF_SINGLE_DIRECTORY);
    assertEquals(format, result.format());
    assertEquals("pkg-1.0", result.strippedDirectory());
    assertEquals(format == Format.ZIP ? 12 : 13, result.entries());
    assertRelease(target, format);
    assertNoStaging(target);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void keepsTheTopDirectoryWhenNotStripping(Format format) throws IOException {
    Path file = archive(release(format), format);
    Path target = work.resolve("out");
    Unpacker.Result result = new Unpacker().unpack(file, target, Strip.NEVER);
    assertNull(result.strippedDirectory());
    try (Stream<Path> list = Files.list(target)) {
      assertEquals(List.of(target.resolve("pkg-1.0")), list.toList());
    }
    assertRelease(target.resolve("pkg-1.0"), format);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void alwaysStrippingRequiresASingleTopDirectory(Format format) throws IOException {
    Path file = archive(release(format), format);
    Path target = work.resolve("out");
    new Unpacker().unpack(file, target, Strip.ALWAYS);
    assertRelease(target, format);

    Path two =
        new TestArchive()
            .file("README", "read me\n")
            .file("src/main.c", "int main() { return 0; }\n")
            .write(work.resolve("two." + format.label()), format);
    Path refused = work.resolve("refused");
    UnpackException e =
        assertThrows(
            UnpackException.class, () -> new Unpacker().unpack(two, refused, Strip.ALWAYS));
    assertEquals(
        "Cannot strip the top-level directory of "
            + two
            + ": it has 2 entries at its top level (README, src), not a single directory",
        e.getMessage());
    assertFalse(Files.exists(refused));
    assertNoStaging(refused);

    Path kept = work.resolve("kept");
    Unpacker.Result result = new Unpacker().unpack(two, kept, Strip.IF_SINGLE_DIRECTORY);
    assertNull(result.strippedDirectory());
    assertEquals("read me\n", Files.readString(kept.resolve("README")));
    assertTrue(Files.isRegularFile(kept.resolve("src/main.c")));

    Path single =
        new TestArchive()
            .file("only-a-file", "x")
            .write(work.resolve("single." + format.label()), format);
    e =
        assertThrows(
            UnpackException.class,
            () -> new Unpacker().unpack(single, work.resolve("s1"), Strip.ALWAYS));
    assertTrue(
        e.getMessage().endsWith("its only top-level entry, only-a-file, is not a directory"),
        e.getMessage());
    new Unpacker().unpack(single, work.resolve("s2"), Strip.IF_SINGLE_DIRECTORY);
    assertEquals("x", Files.readString(work.resolve("s2/only-a-file")));
  }

  @Test
  void recognisesTheFormatByContentNotByName() throws IOException {
    Path misnamed =
        new TestArchive()
            .file("top/file", "content")
            .write(work.resolve("download.zip"), Format.TAR_GZIP);
    assertEquals(Format.TAR_GZIP, Unpacker.detect(misnamed));
    Path noName =
        new TestArchive().file("x", "content").write(work.resolve("download"), Format.ZIP);
    assertEquals(Format.ZIP, Unpacker.detect(noName));
    Path target = work.resolve("out");
    new Unpacker().unpack(misnamed, target, Strip.IF_SINGLE_DIRECTORY);
    assertEquals("content", Files.readString(target.resolve("file")));
  }

  @Test
  void refusesWhatIsNotAnArchive() throws IOException {
    Path text = Files.writeString(work.resolve("notes.tar.gz"), "just some text, not an archive");
    UnpackException e =
        assertThrows(
            UnpackException.class,
            () ->
                new Unpacker()
                    .unpack(text, "http://host/notes.tar.gz", work.resolve("o"), Strip.NEVER));
    assertEquals(
        "Cannot unpack http://host/notes.tar.gz: it is not a tar, tar.gz, tar.bz2, tar.xz or zip"
            + " archive (it starts with bytes 6a75737420736f6d)",
        e.getMessage());
    assertEquals("http://host/notes.tar.gz", e.archive());

    Path gzippedText = work.resolve("text.gz");
    try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(gzippedText))) {
      out.write("plain text".getBytes(StandardCharsets.UTF_8));
    }
    e =
        assertThrows(
            UnpackException.class,
            () -> new Unpacker().unpack(gzippedText, work.resolve("o"), Strip.NEVER));
    assertTrue(
        e.getMessage().endsWith("it is gzip-compressed, but what it holds is not a tar archive"),
        e.getMessage());

    Path empty = Files.createFile(work.resolve("empty"));
    e =
        assertThrows(
            UnpackException.class,
            () -> new Unpacker().unpack(empty, work.resolve("o"), Strip.NEVER));
    assertTrue(e.getMessage().endsWith("(it is empty)"), e.getMessage());
    assertFalse(Files.exists(work.resolve("o")));
  }

  @Test
  void recognisesOldTarHeadersByTheirChecksum() throws IOException {
    Path file = new TestArchive().file("old/file", "x").write(work.resolve("a.tar"), Format.TAR);
    byte[] block = new byte[512];
    System.arraycopy(Files.readAllBytes(file), 0, block, 0, 512);
    assertTrue(Unpacker.isTar(block));
    // a v7 header: no magic, and the checksum recomputed
    for (int i = 257; i < 265; i++) {
      block[i] = 0;
    }
    for (int i = 148; i < 156; i++) {
      block[i] = ' ';
    }
    long sum = 0;
    for (byte b : block) {
      sum += b & 0xff;
    }
    byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, block, 148, 8);
    assertTrue(Unpacker.isTar(block));
    block[0] ^= 1;
    assertFalse(Unpacker.isTar(block));
    assertFalse(Unpacker.isTar(new byte[512]));
  }

  @ParameterizedTest
  @EnumSource(
      value = Format.class,
      names = {"TAR_GZIP", "TAR_BZIP2", "TAR_XZ", "ZIP"})
  void aTruncatedArchiveFailsAndLeavesNothing(Format format) throws IOException {
    TestArchive big = new TestArchive();
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      content.append(i).append(" lorem ipsum ").append(i * 7919 % 1000).append('\n');
    }
    for (int i = 0; i < 5; i++) {
      big.file("top/file" + i, content.toString());
    }
    Path file = big.write(work.resolve("big." + format.label()), format);
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = work.resolve("truncated." + format.label());
    Files.write(
        truncated,
        java.util.Arrays.copyOf(
            bytes, format == Format.ZIP ? bytes.length - 30 : bytes.length / 2));
    Path target = work.resolve("out");
    UnpackException e =
        assertThrows(
            UnpackException.class,
            () -> new Unpacker().unpack(truncated, target, Strip.IF_SINGLE_DIRECTORY));
    assertTrue(e.getMessage().startsWith("Cannot unpack " + truncated), e.getMessage());
    assertFalse(Files.exists(target));
    assertNoStaging(target);
  }

  @Test
  void limitsStopAbsurdArchives() throws IOException {
    Path large =
        new TestArchive()
            .file("top/small", "x")
            .file("top/large", "y".repeat(2000))
            .write(work.resolve("large.tar"), Format.TAR);
    UnpackException e =
        assertThrows(
            UnpackException.class,
            () ->
                new Unpacker(new Unpacker.Limits(1000, 100))
                    .unpack(large, work.resolve("o"), Strip.NEVER));
    assertEquals("top/large", e.entry());
    assertTrue(e.getMessage().contains("more than 1000 bytes"), e.getMessage());

    Path many =
        new TestArchive()
            .file("a", "1")
            .file("b", "2")
            .file("c", "3")
            .write(work.resolve("many.zip"), Format.ZIP);
    e =
        assertThrows(
            UnpackException.class,
            () ->
                new Unpacker(new Unpacker.Limits(1000, 2))
                    .unpack(many, work.resolve("o"), Strip.NEVER));
    assertEquals("c", e.entry());
    assertTrue(e.getMessage().contains("the limit is 2 entries"), e.getMessage());
    assertFalse(Files.exists(work.resolve("o")));
    assertNoStaging(work.resolve("o"));
  }

  @Test
  void refusesAnExistingTargetAndClearsWhatACrashLeftInTheStagingDirectory() throws IOException {
    Path file =
        new TestArchive().file("top/file", "new").write(work.resolve("a.tar.xz"), Format.TAR_XZ);
    Path target = Files.createDirectory(work.resolve("out"));
    UnpackException e =
        assertThrows(
            UnpackException.class,
            () -> new Unpacker().unpack(file, target, Strip.IF_SINGLE_DIRECTORY));
    assertEquals(
        "Cannot unpack " + file + " into " + target + ": it already exists", e.getMessage());
    Files.delete(target);

    Path staging = Unpacker.stagingDirectory(target);
    assertEquals(work.resolve(".out.unpacking"), staging);
    Files.createDirectories(staging.resolve("root/half"));
    Files.writeString(staging.resolve("root/half/written"), "left by a crash");
    new Unpacker().unpack(file, target, Strip.IF_SINGLE_DIRECTORY);
    assertEquals("new", Files.readString(target.resolve("file")));
    assertNoStaging(target);
  }

  @Test
  void laterEntriesReplaceEarlierFilesAndLinksButNotDirectories() throws IOException {
    Path file =
        new TestArchive()
            .file("top/x", "first")
            .file("top/x", "second")
            .symlink("top/y", "x")
            .file("top/y", "a file now")
            .file("top/z", "a file first")
            .symlink("top/z", "x")
            .write(work.resolve("dups.tar"), Format.TAR);
    Path target = work.resolve("out");
    new Unpacker().unpack(file, target, Strip.IF_SINGLE_DIRECTORY);
    assertEquals("second", Files.readString(target.resolve("x")));
    assertFalse(Files.isSymbolicLink(target.resolve("y")));
    assertEquals("a file now", Files.readString(target.resolve("y")));
    assertTrue(Files.isSymbolicLink(target.resolve("z")));

    Path conflict =
        new TestArchive()
            .file("top/d/inside", "x")
            .file("top/d", "not a directory")
            .write(work.resolve("conflict.zip"), Format.ZIP);
    UnpackException e =
        assertThrows(
            UnpackException.class,
            () -> new Unpacker().unpack(conflict, work.resolve("c"), Strip.NEVER));
    assertEquals("top/d", e.entry());
    assertTrue(e.getMessage().contains("would replace the directory top/d"), e.getMessage());
  }

  @Test
  void aSingleTopLevelSymlinkIsNotStripped() throws IOException {
    Path file =
        new TestArchive()
            .symlink("current", "/opt/somewhere")
            .write(work.resolve("l.tar.bz2"), Format.TAR_BZIP2);
    Path target = work.resolve("out");
    Unpacker.Result result = new Unpacker().unpack(file, target, Strip.IF_SINGLE_DIRECTORY);
    assertNull(result.strippedDirectory());
    assertArrayEquals(
        new Object[] {Path.of("/opt/somewhere")},
        new Object[] {Files.readSymbolicLink(target.resolve("current"))});
  }
}

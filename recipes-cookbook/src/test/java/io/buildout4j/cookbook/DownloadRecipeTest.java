package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.profile.BuildoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download recipe through the engine and its download service, from an HTTP server on
 * 127.0.0.1: computed target, checksums, alternate URL, destination, shared parts.
 */
class DownloadRecipeTest {
  @TempDir Path work;
  ArchiveServer server;
  RecipeTestBuildout buildout;

  @BeforeEach
  void setUp() throws IOException {
    server = new ArchiveServer(work.resolve("served"));
    Files.writeString(server.file("hello.txt"), "Hello, world!\n");
    buildout = new RecipeTestBuildout(work.resolve("buildout"));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void downloadsTheFileNamedAfterThePartAndExposesItsTargetToOtherSections() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = copy

        [hello]
        recipe = slapos.recipe.build:download
        url = URL
        md5sum = MD5

        [copy]
        recipe = download
        url = ${hello:target}
        filename = copy.sh
        mode = 0755
        """
            .replace("URL", server.url("hello.txt"))
            .replace("MD5", server.digest("hello.txt", "md5")));
    assertEquals(List.of("install hello", "install copy"), buildout.actions(buildout.install()));
    Path hello = buildout.part("hello").resolve("hello");
    assertEquals("Hello, world!\n", Files.readString(hello));
    assertEquals(hello.toString(), buildout.profile().get("hello", "target"));
    assertEquals(buildout.part("hello").toString(), buildout.profile().get("hello", "location"));
    Path copy = buildout.part("copy").resolve("copy.sh");
    assertEquals("Hello, world!\n", Files.readString(copy));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
    assertEquals(1, server.hits("hello.txt"));
    try (Stream<Path> list = Files.list(buildout.part("copy"))) {
      assertEquals(List.of(copy), list.toList(), "no staged file is left");
    }

    assertEquals(List.of("update hello", "update copy"), buildout.actions(buildout.install()));
    assertEquals(1, server.hits("hello.txt"), "an update downloads nothing");

    buildout.engine().uninstall(List.of());
    assertFalse(Files.exists(buildout.part("hello")));
    assertFalse(Files.exists(buildout.part("copy")));
  }

  @Test
  void writesToTheDestinationWithTheAlternateUrlAndSha256() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = conf

        [conf]
        recipe = download
        url = MISSING
        alternate-url = URL
        sha256 = SHA
        destination = etc/app/app.conf
        """
            .replace("MISSING", server.url("missing.txt"))
            .replace("URL", server.url("hello.txt"))
            .replace("SHA", server.digest("hello.txt", "sha256").toUpperCase()));
    buildout.install();
    Path target = buildout.directory.resolve("etc/app/app.conf");
    assertEquals("Hello, world!\n", Files.readString(target));
    assertEquals(target.toString(), buildout.profile().get("conf", "target"));
    assertNull(buildout.profile().find("conf", "location"));
    assertEquals(1, server.hits("missing.txt"));
    assertEquals(1, server.hits("hello.txt"));
    assertTrue(buildout.installed().contains("__buildout_installed__ = " + target));
    buildout.engine().uninstall(List.of());
    assertFalse(Files.exists(target));
  }

  @Test
  void aChecksumMismatchFailsAndLeavesNothing() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = hello

        [hello]
        recipe = download
        url = URL
        md5sum = 0123456789abcdef0123456789abcdef
        """
            .replace("URL", server.url("hello.txt")));
    String message = buildout.installFails();
    assertTrue(
        message.contains(
            "Checksum mismatch for "
                + server.url("hello.txt")
                + ": expected md5:0123456789abcdef0123456789abcdef, got md5:"
                + server.digest("hello.txt", "md5")),
        message);
    assertFalse(Files.exists(buildout.part("hello")));
    assertFalse(buildout.installed().contains("[hello]"));
  }

  @Test
  void everyChecksumGivenIsChecked() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = hello

        [hello]
        recipe = download
        url = URL
        sha256 = SHA
        md5sum = 0123456789abcdef0123456789abcdef
        """
            .replace("URL", server.url("hello.txt"))
            .replace("SHA", server.digest("hello.txt", "sha256")));
    String message = buildout.installFails();
    assertTrue(
        message.contains(
            "Checksum mismatch for "
                + server.url("hello.txt")
                + ": hello:md5sum is 0123456789abcdef0123456789abcdef, but the downloaded file's"
                + " MD5 is "
                + server.digest("hello.txt", "md5")),
        message);
    assertFalse(Files.exists(buildout.part("hello")));
  }

  @Test
  void aMissingFileFailsNamingTheUrl() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = hello

        [hello]
        recipe = download
        url = URL
        """
            .replace("URL", server.url("nowhere.txt")));
    String message = buildout.installFails();
    assertTrue(message.contains(server.url("nowhere.txt")) && message.contains("404"), message);
    assertFalse(Files.exists(buildout.part("hello")));
  }

  @Test
  void badOptionsAreRefusedWhenThePartIsCreated() throws IOException {
    String[][] cases = {
      {"mode = 999", "Invalid value for dl:mode: '999' (an octal file mode from 0 to 0777"},
      {
        "md5sum = xyz", "Invalid value for dl:md5sum: 'xyz' (a MD5 digest is 32 hexadecimal digits)"
      },
      {"sha512 = abc", "Invalid value for dl:sha512: 'abc' (a SHA-512 digest is 128"},
      {"filename = a/b", "Invalid value for dl:filename: 'a/b' (a file name, without '/'"},
      {"shared = maybe", "Invalid value for dl:shared: 'maybe' (it must be true or false)"},
      {"url =", "Empty option dl:url"},
    };
    for (String[] c : cases) {
      buildout.profile(
          "[buildout]\nparts = dl\n\n[dl]\nrecipe = download\nurl = "
              + server.url("hello.txt")
              + "\n"
              + c[0]
              + "\n");
      BuildoutException e = assertThrows(BuildoutException.class, () -> buildout.engine().plan());
      assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
    }
    assertEquals(0, server.hits("hello.txt"));
  }

  @Test
  void aLocationThatIsNotThePartsIsNeverTakenOver() throws IOException {
    Path existing = Files.createDirectories(buildout.directory.resolve("mine"));
    Files.writeString(existing.resolve("keep.txt"), "keep me");
    buildout.profile(
        """
        [buildout]
        parts = dl

        [dl]
        recipe = download
        url = URL
        location = mine
        """
            .replace("URL", server.url("hello.txt")));
    String message = buildout.installFails();
    assertTrue(message.contains(existing + " already exists and is not this part's"), message);
    assertEquals("keep me", Files.readString(existing.resolve("keep.txt")));
  }

  @Test
  void aSharedDownloadIsFetchedOnceForTwoBuildouts() throws IOException {
    String profile =
        """
        [buildout]
        parts = hello
        shared-part-list = SHARED

        [hello]
        recipe = download
        shared = true
        url = URL
        md5sum = MD5
        """
            .replace("SHARED", work.resolve("shared").toString())
            .replace("URL", server.url("hello.txt"))
            .replace("MD5", server.digest("hello.txt", "md5"));
    buildout.profile(profile).install();
    String target = buildout.profile().get("hello", "target");
    assertTrue(target.startsWith(work.resolve("shared/hello/").toString()), target);
    assertTrue(target.endsWith("/hello"), target);
    assertEquals("Hello, world!\n", Files.readString(Path.of(target)));
    assertEquals(1, server.hits("hello.txt"));

    RecipeTestBuildout second = new RecipeTestBuildout(work.resolve("second"));
    second.profile(profile).install();
    assertEquals(target, second.profile().get("hello", "target"));
    assertEquals(1, server.hits("hello.txt"), "the second buildout reuses the shared file");
    second.engine().uninstall(List.of());
    assertTrue(Files.exists(Path.of(target), LinkOption.NOFOLLOW_LINKS));

    buildout.profile(profile + "destination = somewhere\n");
    BuildoutException e = assertThrows(BuildoutException.class, () -> buildout.engine().plan());
    assertTrue(
        e.getMessage().contains("hello:destination cannot be given for a shared part"),
        e.getMessage());
  }

  @Test
  void sharedWithoutASharedPartListIsAnOrdinaryPartAsInSlapOs() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = hello

        [hello]
        recipe = slapos.recipe.build:download
        shared = true
        url = URL
        destination = hello.txt
        """
            .replace("URL", server.url("hello.txt")));
    buildout.install();
    assertEquals("Hello, world!\n", Files.readString(buildout.directory.resolve("hello.txt")));
  }
}

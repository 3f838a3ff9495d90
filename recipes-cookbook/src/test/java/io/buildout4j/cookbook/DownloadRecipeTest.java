package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.profile.BuildoutException;
import io.buildout4j.recipe.DownloadRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download recipe through the engine: computed target, checksums, destination, shared. */
class DownloadRecipeTest {
  @TempDir Path work;
  Path files;
  LocalDownloads downloads;
  RecipeTestBuildout buildout;
  String helloMd5;
  String helloSha256;

  @BeforeEach
  void setUp() throws IOException {
    files = Files.createDirectories(work.resolve("files"));
    Path hello = Files.writeString(files.resolve("hello.txt"), "Hello, world!\n");
    helloMd5 = LocalDownloads.digest(hello, "md5");
    helloSha256 = LocalDownloads.digest(hello, "sha256");
    downloads = new LocalDownloads(work);
    buildout = new RecipeTestBuildout(work.resolve("buildout"), downloads);
  }

  private String url(String name) {
    return files.resolve(name).toUri().toString();
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
            .replace("URL", url("hello.txt"))
            .replace("MD5", helloMd5));
    assertEquals(List.of("install hello", "install copy"), buildout.actions(buildout.install()));
    Path hello = buildout.part("hello").resolve("hello");
    assertEquals("Hello, world!\n", Files.readString(hello));
    assertEquals(hello.toString(), buildout.profile().get("hello", "target"));
    assertEquals(buildout.part("hello").toString(), buildout.profile().get("hello", "location"));
    Path copy = buildout.part("copy").resolve("copy.sh");
    assertEquals("Hello, world!\n", Files.readString(copy));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
    assertEquals(
        new DownloadRequest(url("hello.txt"), "md5:" + helloMd5, null), downloads.requests.get(0));
    assertEquals(DownloadRequest.of(hello.toString()), downloads.requests.get(1));
    try (Stream<Path> list = Files.list(buildout.part("copy"))) {
      assertEquals(List.of(copy), list.toList(), "no staged file is left");
    }

    assertEquals(List.of("update hello", "update copy"), buildout.actions(buildout.install()));
    assertEquals(2, downloads.requests.size(), "an update downloads nothing");

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
            .replace("MISSING", url("missing.txt"))
            .replace("URL", url("hello.txt"))
            .replace("SHA", helloSha256.toUpperCase()));
    buildout.install();
    Path target = buildout.directory.resolve("etc/app/app.conf");
    assertEquals("Hello, world!\n", Files.readString(target));
    assertEquals(target.toString(), buildout.profile().get("conf", "target"));
    assertNull(buildout.profile().find("conf", "location"));
    assertEquals(
        new DownloadRequest(url("missing.txt"), "sha256:" + helloSha256, url("hello.txt")),
        downloads.requests.get(0));
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
            .replace("URL", url("hello.txt")));
    String message = buildout.installFails();
    assertTrue(
        message.contains(
            "Checksum mismatch for "
                + url("hello.txt")
                + ": expected md5 0123456789abcdef0123456789abcdef, got "
                + helloMd5),
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
            .replace("URL", url("hello.txt"))
            .replace("SHA", helloSha256));
    String message = buildout.installFails();
    assertTrue(
        message.contains(
            "Checksum mismatch for "
                + url("hello.txt")
                + ": hello:md5sum is 0123456789abcdef0123456789abcdef, but the downloaded file's"
                + " MD5 is "
                + helloMd5),
        message);
    assertEquals("sha256:" + helloSha256, downloads.requests.get(0).checksum());
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
              + url("hello.txt")
              + "\n"
              + c[0]
              + "\n");
      BuildoutException e = assertThrows(BuildoutException.class, () -> buildout.engine().plan());
      assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
    }
    assertTrue(downloads.requests.isEmpty());
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
            .replace("URL", url("hello.txt")));
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
            .replace("URL", url("hello.txt"))
            .replace("MD5", helloMd5);
    buildout.profile(profile).install();
    String target = buildout.profile().get("hello", "target");
    assertTrue(target.startsWith(work.resolve("shared/hello/").toString()), target);
    assertTrue(target.endsWith("/hello"), target);
    assertEquals("Hello, world!\n", Files.readString(Path.of(target)));
    assertEquals(1, downloads.requests.size());

    RecipeTestBuildout second = new RecipeTestBuildout(work.resolve("second"), downloads);
    second.profile(profile).install();
    assertEquals(target, second.profile().get("hello", "target"));
    assertEquals(1, downloads.requests.size(), "the second buildout reuses the shared file");
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
            .replace("URL", url("hello.txt")));
    buildout.install();
    assertEquals("Hello, world!\n", Files.readString(buildout.directory.resolve("hello.txt")));
  }
}

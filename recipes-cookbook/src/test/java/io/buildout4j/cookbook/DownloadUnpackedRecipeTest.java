package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.cookbook.Unpacker.Format;
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
 * The download-unpacked recipe through the engine and its download service, from an HTTP server on
 * 127.0.0.1: stripping, destination, failures, the download cache, shared parts.
 */
class DownloadUnpackedRecipeTest {
  @TempDir Path work;
  ArchiveServer server;
  RecipeTestBuildout buildout;

  @BeforeEach
  void setUp() throws IOException {
    server = new ArchiveServer(work.resolve("served"));
    buildout = new RecipeTestBuildout(work.resolve("buildout"));
    new TestArchive()
        .dir("app-1.0/", 0755)
        .file("app-1.0/bin/app", 0755, "#!/bin/sh\necho app\n")
        .symlink("app-1.0/bin/app-latest", "app")
        .file("app-1.0/share/doc/README", 0644, "read me\n")
        .write(server.file("app-1.0.tar.gz"), Format.TAR_GZIP);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private String url(String name) {
    return server.url(name);
  }

  private String md5(String name) throws IOException {
    return server.digest(name, "md5");
  }

  private void assertNothingLeft(String part) throws IOException {
    assertFalse(Files.exists(buildout.part(part), LinkOption.NOFOLLOW_LINKS));
    try (Stream<Path> list = Files.list(buildout.directory.resolve("parts"))) {
      assertEquals(List.of(), list.toList());
    }
    assertFalse(buildout.installed().contains("[" + part + "]"));
  }

  @Test
  void stripsTheSingleTopDirectoryByDefaultAndExposesTheLocation() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = tool

        [app]
        recipe = slapos.recipe.build:download-unpacked
        url = URL
        md5sum = MD5

        [tool]
        recipe = download
        url = ${app:location}/bin/app
        mode = 0755
        """
            .replace("URL", url("app-1.0.tar.gz"))
            .replace("MD5", md5("app-1.0.tar.gz")));
    assertEquals(List.of("install app", "install tool"), buildout.actions(buildout.install()));
    Path app = buildout.part("app");
    assertEquals(app.toString(), buildout.profile().get("app", "location"));
    assertEquals(app.toString(), buildout.profile().get("app", "target"));
    assertEquals("#!/bin/sh\necho app\n", Files.readString(app.resolve("bin/app")));
    assertEquals(
        "rwxr-xr-x",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(app.resolve("bin/app"))));
    assertEquals(Path.of("app"), Files.readSymbolicLink(app.resolve("bin/app-latest")));
    assertEquals("read me\n", Files.readString(app.resolve("share/doc/README")));
    assertTrue(Files.isExecutable(buildout.part("tool").resolve("tool")));
    try (Stream<Path> list = Files.list(buildout.directory.resolve("parts"))) {
      assertEquals(2, list.count(), "no staging directory is left");
    }
    assertEquals(List.of("update app", "update tool"), buildout.actions(buildout.install()));
  }

  @Test
  void keepsTheTopDirectoryWithStripTopLevelDirFalse() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = app

        [app]
        recipe = download-unpacked
        url = URL
        strip-top-level-dir = false
        """
            .replace("URL", url("app-1.0.tar.gz")));
    buildout.install();
    assertTrue(Files.isExecutable(buildout.part("app").resolve("app-1.0/bin/app")));
  }

  @Test
  void stripTopLevelDirTrueRequiresOneTopDirectoryAndLeavesNothingOtherwise() throws IOException {
    new TestArchive()
        .file("README", "x")
        .file("src/main.c", "y")
        .write(server.file("flat.zip"), Format.ZIP);
    buildout.profile(
        """
        [buildout]
        parts = app

        [app]
        recipe = download-unpacked
        url = URL
        strip-top-level-dir = true
        """
            .replace("URL", url("flat.zip")));
    String message = buildout.installFails();
    assertTrue(
        message.contains(
            "Cannot strip the top-level directory of "
                + url("flat.zip")
                + ": it has 2 entries at its top level (README, src), not a single directory"),
        message);
    assertNothingLeft("app");

    buildout.profile(
        """
        [buildout]
        parts = app

        [app]
        recipe = download-unpacked
        url = URL
        """
            .replace("URL", url("flat.zip")));
    buildout.install();
    assertEquals("x", Files.readString(buildout.part("app").resolve("README")));
  }

  @Test
  void unpacksToTheDestinationWhateverTheArchiveIsCalled() throws IOException {
    new TestArchive()
        .dir("top/", 0755)
        .file("top/lib/data", "data")
        .write(server.file("download"), Format.TAR_XZ);
    buildout.profile(
        """
        [buildout]
        parts = data

        [data]
        recipe = slapos.recipe.build:download-unpacked
        url = URL
        destination = ${buildout:directory}/vendor/data
        """
            .replace("URL", url("download")));
    buildout.install();
    Path destination = buildout.directory.resolve("vendor/data");
    assertEquals("data", Files.readString(destination.resolve("lib/data")));
    assertEquals(destination.toString(), buildout.profile().get("data", "location"));
    assertEquals(destination.toString(), buildout.profile().get("data", "target"));
    buildout.engine().uninstall(List.of());
    assertFalse(Files.exists(destination));
  }

  @Test
  void aChecksumMismatchFailsAndLeavesNothing() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = app

        [app]
        recipe = download-unpacked
        url = URL#0123456789abcdef0123456789abcdef
        """
            .replace("URL", url("app-1.0.tar.gz")));
    String message = buildout.installFails();
    assertTrue(message.contains("Checksum mismatch for " + url("app-1.0.tar.gz")), message);
    assertNothingLeft("app");
  }

  @Test
  void aMaliciousArchiveFailsNamingTheEntryAndLeavesNothing() throws IOException {
    Path sentinel = Files.createDirectories(work.resolve("sentinel"));
    new TestArchive()
        .file("app/ok", "fine")
        .symlink("app/escape", sentinel.toString())
        .file("app/escape/evil", "x")
        .write(server.file("evil.tar.bz2"), Format.TAR_BZIP2);
    buildout.profile(
        """
        [buildout]
        parts = app

        [app]
        recipe = download-unpacked
        url = URL
        """
            .replace("URL", url("evil.tar.bz2")));
    String message = buildout.installFails();
    assertTrue(
        message.contains(
            "Refusing to unpack "
                + url("evil.tar.bz2")
                + ": entry 'app/escape/evil' would be written outside the target"),
        message);
    assertNothingLeft("app");
    try (Stream<Path> list = Files.list(sentinel)) {
      assertEquals(0, list.count());
    }
  }

  @Test
  void anExistingDirectoryIsNeverTakenOver() throws IOException {
    Path mine = Files.createDirectories(buildout.part("app"));
    Files.writeString(mine.resolve("notes"), "mine");
    buildout.profile(
        """
        [buildout]
        parts = app

        [app]
        recipe = download-unpacked
        url = URL
        """
            .replace("URL", url("app-1.0.tar.gz")));
    String message = buildout.installFails();
    assertTrue(message.contains(mine + " already exists and is not this part's"), message);
    assertEquals("mine", Files.readString(mine.resolve("notes")));
  }

  @Test
  void aChangedUrlReinstallsTheNewArchive() throws IOException {
    String profile =
        """
        [buildout]
        parts = app

        [app]
        recipe = download-unpacked
        url = URL
        """;
    buildout.profile(profile.replace("URL", url("app-1.0.tar.gz"))).install();
    new TestArchive()
        .file("app-2.0/bin/app", 0755, "#!/bin/sh\necho app 2\n")
        .write(server.file("app-2.0.zip"), Format.ZIP);
    buildout.profile(profile.replace("URL", url("app-2.0.zip")));
    assertEquals(List.of("uninstall app", "reinstall app"), buildout.actions(buildout.install()));
    Path app = buildout.part("app");
    assertEquals("#!/bin/sh\necho app 2\n", Files.readString(app.resolve("bin/app")));
    assertFalse(Files.exists(app.resolve("share")));
  }

  @Test
  void aSharedArchiveIsUnpackedOnceForTwoBuildouts() throws IOException {
    String profile =
        """
        [buildout]
        parts = app
        shared-part-list = SHARED

        [app]
        recipe = slapos.recipe.build:download-unpacked
        shared = true
        url = URL
        """
            .replace("SHARED", work.resolve("shared").toString())
            .replace("URL", url("app-1.0.tar.gz"));
    buildout.profile(profile).install();
    String location = buildout.profile().get("app", "location");
    assertTrue(location.startsWith(work.resolve("shared/app/").toString()), location);
    assertEquals(location, buildout.profile().get("app", "target"));
    assertTrue(Files.isExecutable(Path.of(location, "bin/app")));
    assertTrue(Files.exists(Path.of(location, SharedPart.MARKER)));
    RecipeTestBuildout second = new RecipeTestBuildout(work.resolve("second"));
    second.profile(profile).install();
    assertEquals(location, second.profile().get("app", "location"));
    assertEquals(1, server.hits("app-1.0.tar.gz"));
  }

  @Test
  void sharedWithoutASharedPartListIsAnOrdinaryPartAsInSlapOs() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = app

        [app]
        recipe = slapos.recipe.build:download-unpacked
        shared = true
        url = URL
        """
            .replace("URL", url("app-1.0.tar.gz")));
    buildout.install();
    assertEquals(buildout.part("app").toString(), buildout.profile().get("app", "location"));
    assertTrue(Files.isExecutable(buildout.part("app").resolve("bin/app")));
    buildout.engine().uninstall(List.of());
    assertFalse(Files.exists(buildout.part("app")));
  }

  @Test
  void aTruncatedArchiveFailsAndLeavesNothing() throws IOException {
    byte[] whole = Files.readAllBytes(server.file("app-1.0.tar.gz"));
    Files.write(server.file("cut.tar.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
    buildout.profile(
        """
        [buildout]
        parts = app

        [app]
        recipe = download-unpacked
        url = URL
        """
            .replace("URL", url("cut.tar.gz")));
    String message = buildout.installFails();
    assertTrue(message.contains("Cannot unpack " + url("cut.tar.gz") + " into "), message);
    assertNothingLeft("app");
  }

  @Test
  void theDownloadCacheServesAnOfflineReinstall() throws IOException {
    String profile =
        """
        [buildout]
        parts = app
        download-cache = CACHE
        OFFLINE

        [app]
        recipe = download-unpacked
        url = URL
        md5sum = MD5
        """
            .replace("CACHE", work.resolve("cache").toString())
            .replace("URL", url("app-1.0.tar.gz"))
            .replace("MD5", md5("app-1.0.tar.gz"));
    buildout.profile(profile.replace("OFFLINE", "")).install();
    buildout.engine().uninstall(List.of());
    assertFalse(Files.exists(buildout.part("app")));
    buildout.profile(profile.replace("OFFLINE", "offline = true")).install();
    assertTrue(Files.isExecutable(buildout.part("app").resolve("bin/app")));
    assertEquals(1, server.hits("app-1.0.tar.gz"), "the offline run used the cache");
  }
}

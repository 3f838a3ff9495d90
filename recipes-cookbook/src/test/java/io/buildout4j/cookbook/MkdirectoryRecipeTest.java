package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mkdirectory recipe through the engine: modes, ownership, updates. */
class MkdirectoryRecipeTest {
  @TempDir Path directory;
  TemplateTestBuildout buildout;

  @BeforeEach
  void setUp() {
    buildout = new TemplateTestBuildout(directory);
  }

  @Test
  void everyOptionIsADirectoryWithTheModeGiven() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = directory

        [directory]
        recipe = slapos.cookbook:mkdirectory
        mode = 0750
        etc = ${buildout:directory}/etc
        services = ${:etc}/service
        var = var
        log = ${:var}/log/deep
        empty =
        _private = not-a-directory
        """);
    buildout.install();
    for (String path : List.of("etc", "etc/service", "var", "var/log/deep")) {
      assertTrue(Files.isDirectory(directory.resolve(path)), path);
      assertEquals("rwxr-x---", buildout.mode(path), path);
    }
    assertFalse(buildout.exists("not-a-directory"));
    assertFalse(buildout.exists("mode"));
    // intermediate directories get the default mode, as os.makedirs gives them
    Path probe = Files.createDirectory(directory.resolve("probe"));
    assertEquals(
        PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)),
        buildout.mode("var/log"));
  }

  @Test
  void theDefaultModeIs0777LessTheUmask() throws IOException {
    Path probe = Files.createDirectory(directory.resolve("probe"));
    buildout.profile(
        """
        [buildout]
        parts = d

        [d]
        recipe = mkdirectory
        data = data
        """);
    buildout.install();
    assertEquals(
        PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)), buildout.mode("data"));
  }

  @Test
  void directoriesAreNotOwnedSoUninstallKeepsThemAndUpdateRecreatesThem() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = d

        [d]
        recipe = slapos.cookbook:mkdirectory
        data = srv/data
        """);
    buildout.install();
    Files.writeString(directory.resolve("srv/data/db"), "precious");
    assertTrue(buildout.installedCfg().contains("__buildout_installed__ = \n"));

    Files.delete(directory.resolve("srv/data/db"));
    Files.delete(directory.resolve("srv/data"));
    buildout.install();
    assertEquals(List.of("update d"), buildout.events);
    assertTrue(Files.isDirectory(directory.resolve("srv/data")), "the update recreated it");

    Files.writeString(directory.resolve("srv/data/db"), "precious");
    buildout.profile("[buildout]\nparts =\n");
    buildout.install();
    assertEquals("precious", buildout.read("srv/data/db"), "uninstalling keeps the data");
  }

  @Test
  void aFileInTheWayAndABadModeAreErrors() throws IOException {
    buildout.file("taken", "a file");
    buildout.profile(
        """
        [buildout]
        parts = d

        [d]
        recipe = slapos.cookbook:mkdirectory
        data = taken
        """);
    String message = buildout.installFails();
    assertTrue(message.contains("Cannot create the directory " + directory.resolve("taken")));
    assertTrue(message.contains("(d:data): a file is in the way"), message);

    buildout.profile(buildout.read("buildout.cfg").replace("data = taken", "mode = rwx"));
    message = buildout.installFails();
    assertTrue(message.contains("Invalid value for d:mode: 'rwx'"), message);
  }
}

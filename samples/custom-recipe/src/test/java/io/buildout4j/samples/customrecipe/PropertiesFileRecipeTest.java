package io.buildout4j.samples.customrecipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.buildout4j.engine.Action;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.testkit.TestBuildout;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What sample.properties does, run through the engine with the recipe from a develop entry. */
class PropertiesFileRecipeTest {
  private static final String PROFILE =
      """
      [buildout]
      develop = CLASSES
      parts = database app

      [database]
      recipe = sample.properties
      properties =
          url = jdbc:postgresql://localhost:5432/app
          user = app

      [app]
      recipe = sample.properties
      location = etc/app.properties
      properties =
          database.config = ${database:location}
      """;

  @TempDir Path directory;

  private TestBuildout buildout(String profile) {
    return TestBuildout.builder(directory)
        .build()
        .profile(profile.replace("CLASSES", Sample.classes().toString()));
  }

  @Test
  void writesAFileThatJavaReadsBackWithEveryCharacterAsWritten() throws IOException {
    TestBuildout buildout =
        buildout(
            """
            [buildout]
            develop = CLASSES
            parts = odd

            [odd]
            recipe = sample.properties
            properties =
                # a comment, and a blank line

                greeting = Grüße, 世界
                equation = a=b: c # not a comment
                path = C:\\temp\\new
                my key = spaced
                empty =
            """);

    buildout.install();

    Properties read = Sample.load(buildout.file("parts/odd.properties"));
    assertEquals(5, read.size(), read.toString());
    assertEquals("Grüße, 世界", read.getProperty("greeting"));
    assertEquals("a=b: c # not a comment", read.getProperty("equation"));
    assertEquals("C:\\temp\\new", read.getProperty("path"));
    assertEquals("spaced", read.getProperty("my key"));
    assertEquals("", read.getProperty("empty"));
    assertTrue(
        buildout.read("parts/odd.properties").startsWith("# Written by buildout4j for part odd"));
  }

  @Test
  void theComputedLocationIsAbsoluteAndOtherPartsReferenceIt() throws IOException {
    TestBuildout buildout = buildout(PROFILE);

    buildout.install();

    Path database = directory.resolve("parts/database.properties");
    assertEquals(database.toString(), buildout.installed().part("database").option("location"));
    assertEquals(
        directory.resolve("etc/app.properties").toString(),
        buildout.installed().part("app").option("location"));
    assertEquals(
        database.toString(),
        Sample.load(buildout.file("etc/app.properties")).getProperty("database.config"));
  }

  @Test
  void theModeIsAppliedOnInstallAndUpdate() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    TestBuildout buildout =
        buildout(
            PROFILE.replace(
                "recipe = sample.properties\nproperties =\n    url",
                "recipe = sample.properties\nmode = 0600\nproperties =\n    url"));
    buildout.install();
    Path file = directory.resolve("parts/database.properties");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    buildout.install();

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void mistakesInTheOptionsNameThePartAndTheOption() {
    assertEquals(
        "Missing option database:properties (one KEY = VALUE per line)",
        message(PROFILE.replace("properties =\n    url", "notes =\n    url")));
    assertEquals(
        "Invalid value for database:properties: 'user app' is not KEY = VALUE",
        message(PROFILE.replace("user = app", "user app")));
    assertEquals(
        "Invalid value for database:properties: the key 'url' is set twice",
        message(PROFILE.replace("user = app", "url = again")));
    assertEquals(
        "Invalid value for database:mode: '0800' (file permissions in octal, such as 0640)",
        message(PROFILE.replace("[database]\n", "[database]\nmode = 0800\n")));
  }

  /** The error's first line, without what the engine adds: {@code (recipe R, part P)}. */
  private String message(String profile) {
    BuildoutException e = buildout(profile).installFails();
    String first = e.getMessage().lines().findFirst().orElseThrow();
    String engine = " (recipe sample.properties, part database)";
    assertTrue(first.endsWith(engine), first);
    assertTrue(buildout(profile).installed().isEmpty(), "nothing was installed");
    return first.substring(0, first.length() - engine.length());
  }

  @Test
  void updatePutsBackAHandEditedFileAndKeepsTheEditNextToIt() throws IOException {
    TestBuildout buildout = buildout(PROFILE);
    buildout.install();
    String written = buildout.read("parts/database.properties");
    buildout.write("parts/database.properties", written + "debug=true\n");

    assertEquals(Action.UPDATE, buildout.plan("database").action());
    buildout.install();

    assertEquals(written, buildout.read("parts/database.properties"));
    assertEquals(written + "debug=true\n", buildout.read("parts/database.properties.edited"));
    assertTrue(
        buildout.log("database").contains("WARNING: " + buildout.file("parts/database.properties")),
        buildout.log("database").text());
    buildout.install();
    assertTrue(buildout.log("database").contains(" is up to date"));
    assertFalse(Files.exists(buildout.file("parts/database.properties.edited-2")));
  }

  @Test
  void aPartLeavingTheProfileHasItsFileRemovedAndAHandEditOfItKept() throws IOException {
    TestBuildout buildout = buildout(PROFILE);
    buildout.install();
    buildout.write("etc/app.properties", "edited by hand\n");

    buildout.profile(
        PROFILE
            .replace("CLASSES", Sample.classes().toString())
            .replace("parts = database app", "parts = database"));
    assertEquals(Action.UNINSTALL, buildout.plan("app").action());
    buildout.install();

    assertEquals(java.util.List.of("database"), buildout.installed().names());
    assertFalse(Files.exists(buildout.file("etc/app.properties")));
    assertEquals("edited by hand\n", buildout.read("etc/app.properties.edited"));
  }

  @Test
  void theUninstallCommandKeepsAHandEditToo() throws IOException {
    TestBuildout buildout = buildout(PROFILE);
    buildout.install();
    buildout.write("etc/app.properties", "edited by hand\n");

    buildout.uninstall();

    assertTrue(buildout.installed().isEmpty());
    assertFalse(Files.exists(buildout.file("etc/app.properties")));
    assertEquals("edited by hand\n", buildout.read("etc/app.properties.edited"));
  }

  @Test
  void uninstallingAnUneditedFileLeavesNothingBehind() throws IOException {
    TestBuildout buildout = buildout(PROFILE);
    buildout.install();

    buildout.uninstall();

    assertTrue(buildout.installed().isEmpty());
    assertFalse(Files.exists(buildout.file("etc/app.properties")));
    assertFalse(Files.exists(buildout.file("parts/database.properties")));
    try (var left = Files.list(buildout.file("etc"))) {
      assertEquals(java.util.List.of(), left.toList());
    }
  }

  @Test
  void aChangedPropertyReinstallsThePartAndThePartsThatReferenceIt() throws IOException {
    TestBuildout buildout = buildout(PROFILE);
    buildout.install();

    buildout.profile(
        PROFILE
            .replace("CLASSES", Sample.classes().toString())
            .replace("user = app", "user = ops"));
    assertEquals(Action.REINSTALL, buildout.plan("database").action());
    assertEquals("part database changed", buildout.plan("app").reason());
    buildout.install();

    assertEquals(
        "ops", Sample.load(buildout.file("parts/database.properties")).getProperty("user"));
    assertFalse(
        Files.exists(buildout.file("parts/database.properties.edited")),
        "a reinstall is not a hand edit");
  }

  @Test
  void aLocationThatIsADirectoryIsRefused() throws IOException {
    TestBuildout buildout = buildout(PROFILE.replace("etc/app.properties", "etc"));
    Files.createDirectories(buildout.file("etc"));

    BuildoutException e = buildout.installFails();

    assertTrue(
        e.getMessage()
            .startsWith(
                "Cannot write app:location " + buildout.file("etc") + ": it is a directory"),
        e.getMessage());
    assertEquals(java.util.List.of("database"), buildout.installed().names());
  }
}

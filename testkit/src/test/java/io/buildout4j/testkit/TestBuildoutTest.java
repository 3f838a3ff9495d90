package io.buildout4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.Action;
import io.buildout4j.engine.PartPlan;
import io.buildout4j.engine.RunFailedException;
import io.buildout4j.engine.RunReport;
import io.buildout4j.profile.BuildoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestBuildoutTest {
  private static final String TWO_NOTES =
      """
      [buildout]
      parts = first second

      [first]
      recipe = test.note
      text = one

      [second]
      recipe = test.note
      location = notes/second.txt
      text = two, after ${first:location}
      """;

  @TempDir Path directory;

  private TestBuildout buildout() {
    return TestBuildout.builder(directory).recipe(new NoteRecipe()).build();
  }

  @Test
  void installRunsTheRecipeAndTheInstalledStateRecordsItsOptionsAndPaths() {
    TestBuildout buildout = buildout().profile(TWO_NOTES);

    RunReport report = buildout.install();

    assertEquals(List.of("first", "second"), report.plan().order());
    assertEquals("one\n", buildout.read("parts/first.txt"));
    assertEquals(
        "two, after " + directory.resolve("parts/first.txt") + "\n",
        buildout.read("notes/second.txt"));
    InstalledParts installed = buildout.installed();
    assertEquals(List.of("first", "second"), installed.names());
    assertEquals(directory.resolve(".installed.cfg"), installed.file());
    PartRecord first = installed.part("first");
    assertEquals("test.note", first.recipe());
    assertEquals(directory.resolve("parts/first.txt").toString(), first.option("location"));
    assertEquals(List.of(directory.resolve("parts/first.txt")), first.paths());
    assertTrue(first.signature().startsWith("test-classes-"), first.signature());
    PartRecord second = installed.part("second");
    assertEquals("notes/second.txt", second.option("location"));
    assertEquals(List.of(directory.resolve("notes/second.txt")), second.paths());
    assertTrue(second.signature().contains(" first:"), "references first: " + second.signature());
  }

  @Test
  void aPartsLogHoldsWhatItsRecipeLoggedInItsLastRun() {
    TestBuildout buildout = buildout().profile(TWO_NOTES);

    buildout.install();
    PartLogText log = buildout.log("first");
    assertEquals(List.of("Wrote " + directory.resolve("parts/first.txt")), log.lines());
    assertEquals(directory.resolve(".buildout4j/logs/first.log"), log.file());

    buildout.install();
    assertEquals(
        "Up to date: " + directory.resolve("parts/first.txt"), buildout.log("first").text());
    assertTrue(buildout.log("second").contains("Up to date"));
  }

  @Test
  void planSaysWhatTheNextInstallWouldDoAfterTheProfileChanges() {
    TestBuildout buildout = buildout().profile(TWO_NOTES);
    assertEquals(Action.INSTALL, buildout.plan("first").action());
    buildout.install();
    assertEquals(Action.UPDATE, buildout.plan("first").action());

    buildout.profile(TWO_NOTES.replace("text = one", "text = uno"));

    PartPlan first = buildout.plan("first");
    assertEquals(Action.REINSTALL, first.action());
    assertTrue(
        first.reason().contains("'one'") && first.reason().contains("'uno'"), first.reason());
    assertEquals(Action.REINSTALL, buildout.plan("second").action());
    assertEquals("part first changed", buildout.plan("second").reason());
    assertEquals("one\n", buildout.read("parts/first.txt"), "plan changes nothing");
  }

  @Test
  void uninstallRemovesTheNamedPartsOrAllOfThem() {
    TestBuildout buildout = buildout().profile(TWO_NOTES);
    buildout.install();

    buildout.uninstall("second");
    assertEquals(List.of("first"), buildout.installed().names());
    assertFalse(Files.exists(directory.resolve("notes/second.txt")));
    assertTrue(Files.exists(directory.resolve("parts/first.txt")));

    buildout.uninstall();
    assertTrue(buildout.installed().isEmpty());
    assertFalse(Files.exists(directory.resolve("parts/first.txt")));
    assertFalse(Files.exists(directory.resolve(".installed.cfg")));
  }

  @Test
  void installOfNamedPartsLeavesTheOthersAlone() {
    TestBuildout buildout = buildout().profile(TWO_NOTES);

    buildout.install(List.of("first"));

    assertEquals(List.of("first"), buildout.installed().names());
  }

  @Test
  void askingForAPartThatIsNotInstalledNamesItAndListsTheInstalledOnes() {
    TestBuildout buildout = buildout().profile(TWO_NOTES);
    AssertionError nothing =
        assertThrows(AssertionError.class, () -> buildout.installed().part("first"));
    assertEquals(
        "Part first is not installed; installed parts: none (in "
            + directory.resolve(".installed.cfg")
            + ")",
        nothing.getMessage());

    buildout.install(List.of("first"));
    AssertionError e =
        assertThrows(AssertionError.class, () -> buildout.installed().part("second"));
    assertEquals(
        "Part second is not installed; installed parts: first (in "
            + directory.resolve(".installed.cfg")
            + ")",
        e.getMessage());
  }

  @Test
  void askingForAnOptionThePartDidNotRecordListsThoseItDid() {
    TestBuildout buildout = buildout().profile(TWO_NOTES);
    buildout.install();

    AssertionError e =
        assertThrows(AssertionError.class, () -> buildout.installed().part("first").option("txt"));

    assertEquals(
        "Part first recorded no option 'txt'; its options: "
            + "__buildout_signature__, location, recipe, text",
        e.getMessage());
  }

  @Test
  void askingForAMissingLogNamesThePartAndListsThoseWithALog() {
    TestBuildout buildout = buildout().profile(TWO_NOTES);
    AssertionError before = assertThrows(AssertionError.class, () -> buildout.log("first"));
    assertTrue(before.getMessage().endsWith("; no part has written a log"), before.getMessage());

    buildout.install(List.of("first"));

    AssertionError e = assertThrows(AssertionError.class, () -> buildout.log("second"));
    assertEquals(
        "No log for part second: "
            + directory.resolve(".buildout4j/logs/second.log")
            + " does not exist; parts with a log: first",
        e.getMessage());
  }

  @Test
  void readingAMissingFileSaysWhatItsDirectoryHolds() {
    TestBuildout buildout = buildout().profile(TWO_NOTES);
    buildout.install();

    AssertionError e = assertThrows(AssertionError.class, () -> buildout.read("parts/third.txt"));
    assertEquals(
        "No file parts/third.txt in the buildout directory "
            + directory
            + " (parts/ holds: first.txt)",
        e.getMessage());
    AssertionError absent = assertThrows(AssertionError.class, () -> buildout.read("etc/x.conf"));
    assertTrue(absent.getMessage().endsWith("(etc/ does not exist either)"), absent.getMessage());
  }

  @Test
  void installFailsReturnsTheRecipesErrorAndComplainsWhenTheInstallSucceeds() {
    TestBuildout buildout = buildout().profile(TWO_NOTES.replace("text = one\n", ""));

    BuildoutException e = buildout.installFails();
    assertTrue(e.getMessage().startsWith("Missing option first:text"), e.getMessage());

    buildout.profile(TWO_NOTES);
    AssertionError succeeded = assertThrows(AssertionError.class, buildout::installFails);
    assertEquals(
        "Expected the install to fail, but it succeeded: install first, install second",
        succeeded.getMessage());
  }

  @Test
  void aRecipeFailingDuringInstallIsARunFailureThatKeepsWhatWasInstalledBefore() {
    TestBuildout buildout = buildout().profile(TWO_NOTES.replace("notes/second.txt", "notes"));
    buildout.write("notes/other.txt", "in the way of a directory\n");

    RunFailedException e = assertInstanceOf(RunFailedException.class, buildout.installFails());

    assertTrue(e.getMessage().contains("second"), e.getMessage());
    assertEquals(List.of("first"), buildout.installed().names());
  }

  @Test
  void overridesAndOfflineReachTheProfileAndTheRecipe() {
    TestBuildout buildout =
        TestBuildout.builder(directory)
            .recipe(new NoteRecipe())
            .override("first:text=from the command line")
            .offline(true)
            .build()
            .profile(TWO_NOTES);

    buildout.install();

    assertEquals("from the command line (offline)\n", buildout.read("parts/first.txt"));
    assertEquals("from the command line", buildout.installed().part("first").option("text"));
  }

  @Test
  void theInstalledStateIsReadWhereTheProfileKeepsIt() {
    TestBuildout buildout =
        buildout()
            .profile(TWO_NOTES.replace("[buildout]\n", "[buildout]\ninstalled = state.cfg\n"));
    buildout.install();
    assertEquals(directory.resolve("state.cfg"), buildout.installed().file());
    assertEquals(List.of("first", "second"), buildout.installed().names());

    buildout.profile(TWO_NOTES.replace("[buildout]\n", "[buildout]\ninstalled =\n"));
    buildout.install();
    assertNull(buildout.installed().file());
    assertTrue(buildout.installed().isEmpty());
  }

  @Test
  void planOfAPartTheRunDoesNotConcernListsThoseItDoes() {
    TestBuildout buildout = buildout().profile(TWO_NOTES);

    AssertionError e = assertThrows(AssertionError.class, () -> buildout.plan("third"));

    assertEquals(
        "An install would not concern part third; it concerns: first, second", e.getMessage());
  }

  @Test
  void filesAreWrittenInsideTheDirectoryOnly() {
    TestBuildout buildout = buildout();

    Path file = buildout.write("profiles/base.cfg", "[buildout]\nparts =\n");

    assertEquals(directory.resolve("profiles/base.cfg"), file);
    assertEquals("[buildout]\nparts =\n", buildout.read("profiles/base.cfg"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> buildout.write("../escape.cfg", ""));
    assertEquals(
        "Not a path inside the buildout directory " + directory + ": '../escape.cfg'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> buildout.file("/etc/passwd"));
  }

  @Test
  void aMalformedAssignmentIsRefusedWhenConfigured() {
    BuildoutException e =
        assertThrows(
            BuildoutException.class, () -> TestBuildout.builder(directory).override("no-colon"));
    assertTrue(e.getMessage().contains("no-colon"), e.getMessage());
  }
}

package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.testing.CallLog;
import io.buildout4j.profile.BuildoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole install scenarios with real recipes, files and installed state. */
class EngineScenarioTest {
  private static final String THREE_PARTS =
      """
      [buildout]
      parts = a c

      [a]
      recipe = test:files
      files = one
      content = A

      [b]
      recipe = test:files
      files = two
      content = B

      [c]
      recipe = test:files
      files = three
      content = ${b:location}/two
      """;

  @TempDir Path directory;
  EngineFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new EngineFixture(directory);
  }

  @Test
  void firstInstallCreatesEveryPartInOrderAndRecordsIt() throws IOException {
    fixture.profile(THREE_PARTS);
    RunReport report = fixture.install();
    assertEquals(List.of("a", "b", "c"), report.plan().order());
    assertEquals(List.of("install a", "install b", "install c"), fixture.events);
    assertEquals("A\n", Files.readString(fixture.part("a").resolve("one")));
    assertEquals(
        fixture.part("b") + "/two\n", Files.readString(fixture.part("c").resolve("three")));
    InstalledState state = fixture.state();
    assertEquals(List.of("a", "b", "c"), state.parts().stream().map(InstalledPart::name).toList());
    assertEquals(List.of(fixture.part("b").toString()), state.part("b").orElseThrow().paths());
    assertTrue(
        state.part("c").orElseThrow().options().get("__buildout_signature__").contains(" b:"));
    assertTrue(
        fixture
            .installedCfg()
            .startsWith("[buildout]\ninstalled_develop_eggs = \nparts = a b c\n"));
  }

  @Test
  void aBuildoutOptionReferencingAPartMakesItAPartInstalledFirst() throws IOException {
    // zc.buildout: [buildout] is materialised first, so a recipe section it references becomes
    // a part, created (and later installed) before those of the parts list (spec 8.2)
    fixture.profile(
        """
        [buildout]
        parts = a
        tool = ${b:location}/two

        [a]
        recipe = test:files
        files = one
        content = ${buildout:tool}

        [b]
        recipe = test:files
        files = two
        content = B
        """);
    RunReport report = fixture.install();
    assertEquals(List.of("b", "a"), report.plan().order());
    assertEquals(List.of("install b", "install a"), fixture.events);
    assertEquals(
        fixture.part("b") + "/two", Files.readString(fixture.part("a").resolve("one")).strip());
  }

  @Test
  void rerunWithNothingChangedOnlyUpdates() throws IOException {
    fixture.profile(THREE_PARTS);
    fixture.install();
    String before = fixture.installedCfg();
    RunReport report = fixture.install();
    assertEquals(List.of("update a", "update b", "update c"), fixture.events);
    assertEquals(
        List.of("create:a", "create:b", "create:c", "update:a", "update:b", "update:c"),
        CallLog.calls());
    assertEquals(before, fixture.installedCfg());
    assertTrue(report.succeeded());
  }

  @Test
  void aReinstallReasonNamesEveryChangedOption() throws IOException {
    fixture.profile(THREE_PARTS);
    fixture.install();
    fixture.profile(
        THREE_PARTS
            .replace("content = B", "content = B2")
            .replace("files = two", "files = two\n  2"));
    assertEquals(
        "option content changed from 'B' to 'B2'; also changed: files",
        fixture.plan().part("b").reason());
  }

  @Test
  void anOptionChangeReinstallsThatPartAndThePartsReferencingIt() throws IOException {
    fixture.profile(THREE_PARTS);
    fixture.install();
    fixture.profile(THREE_PARTS.replace("content = B", "content = B2"));
    Plan plan = fixture.plan();
    assertEquals(Action.UPDATE, plan.part("a").action());
    assertEquals(Action.REINSTALL, plan.part("b").action());
    assertEquals("option content changed from 'B' to 'B2'", plan.part("b").reason());
    assertEquals(Action.REINSTALL, plan.part("c").action());
    assertEquals("part b changed", plan.part("c").reason());
    fixture.install();
    assertEquals(
        List.of("uninstall c", "uninstall b", "update a", "reinstall b", "reinstall c"),
        fixture.events);
    assertEquals("B2\n", Files.readString(fixture.part("b").resolve("two")));
  }

  @Test
  void aRemovedPartIsUninstalledAndItsFilesRemoved() throws IOException {
    fixture.profile(THREE_PARTS);
    fixture.install();
    fixture.profile(THREE_PARTS.replace("parts = a c", "parts = a"));
    Plan plan = fixture.plan();
    assertEquals(Action.UNINSTALL, plan.part("c").action());
    assertEquals("no longer in the parts", plan.part("c").reason());
    fixture.install();
    assertEquals(List.of("uninstall c", "uninstall b", "update a"), fixture.events);
    assertTrue(CallLog.calls().contains("uninstall:c"));
    assertFalse(Files.exists(fixture.part("b")));
    assertFalse(Files.exists(fixture.part("c")));
    assertEquals(List.of("a"), fixture.state().parts().stream().map(InstalledPart::name).toList());
  }

  @Test
  void emptyPartsUninstallsEverythingAndDeletesTheState() throws IOException {
    fixture.profile(THREE_PARTS);
    fixture.install();
    fixture.profile(THREE_PARTS.replace("parts = a c", "parts ="));
    fixture.install();
    assertFalse(Files.exists(directory.resolve(".installed.cfg")));
    assertFalse(Files.exists(fixture.part("a")));
  }

  @Test
  void aFailingInstallRecordsNothingForItRemovesItsFilesAndKeepsEarlierParts() throws IOException {
    fixture.profile(THREE_PARTS.replace("content = B", "content = B\nfail = install"));
    RunFailedException e = assertThrows(RunFailedException.class, fixture::install);
    assertEquals(List.of("Installing.", "Installing b."), e.whileChain());
    assertTrue(e.getMessage().startsWith("Cannot install b (failing on purpose)"), e.getMessage());
    assertTrue(e.getMessage().contains("recipe test:files"), e.getMessage());
    assertEquals(List.of("install a", "install b", "failed b"), fixture.events);
    assertFalse(Files.exists(fixture.part("b")));
    assertFalse(Files.exists(fixture.part("c")));
    assertTrue(Files.exists(fixture.part("a").resolve("one")));
    assertEquals(List.of("a"), fixture.state().parts().stream().map(InstalledPart::name).toList());
    assertTrue(fixture.state().pending().isEmpty());
    assertEquals(
        List.of(PartOutcome.Status.DONE, PartOutcome.Status.FAILED, PartOutcome.Status.SKIPPED),
        e.report().outcomes().stream().map(PartOutcome::status).toList());
  }

  @Test
  void aFailingUpdateForgetsThePartAndRemovesItsFiles() throws IOException {
    fixture.profile(THREE_PARTS);
    fixture.install();
    fixture.profile(THREE_PARTS.replace("content = A", "content = A\nfail = update"));
    // a's options changed (fail was added), so it is reinstalled, not updated: install again
    fixture.install();
    RunFailedException e = assertThrows(RunFailedException.class, fixture::install);
    assertEquals(List.of("Installing.", "Updating a."), e.whileChain());
    assertFalse(Files.exists(fixture.part("a")));
    assertEquals(
        List.of("b", "c"), fixture.state().parts().stream().map(InstalledPart::name).toList());
    fixture.profile(THREE_PARTS);
    fixture.install();
    assertEquals(List.of("install a", "update b", "update c"), fixture.events);
  }

  @Test
  void aVanishedPathReinstallsOnlyThatPart() throws IOException {
    fixture.profile(THREE_PARTS);
    fixture.install();
    PathRemoval.delete(fixture.part("a"));
    Plan plan = fixture.plan();
    assertEquals(Action.REINSTALL, plan.part("a").action());
    assertEquals("path " + fixture.part("a") + " is missing", plan.part("a").reason());
    fixture.install();
    assertEquals(List.of("uninstall a", "reinstall a", "update b", "update c"), fixture.events);
  }

  @Test
  void updateAddsThePathsItReturnsToTheRecord() throws IOException {
    fixture.profile(THREE_PARTS.replace("content = A", "content = A\nextra = more"));
    fixture.install();
    fixture.install();
    assertEquals(
        List.of(fixture.part("a").toString(), fixture.part("a").resolve("more").toString()),
        fixture.state().part("a").orElseThrow().paths());
  }

  @Test
  void aRecipeThatReadsAnotherSectionOrdersItFirstAndOthersSeeItsComputedOptions()
      throws IOException {
    fixture.profile(
        """
        [buildout]
        parts = reader show

        [reader]
        recipe = test:files
        read = source:location

        [source]
        recipe = test:files

        [show]
        recipe = test:files
        files = copied
        content = ${reader:copied}
        """);
    fixture.install();
    assertEquals(List.of("install source", "install reader", "install show"), fixture.events);
    assertEquals(
        fixture.part("source") + "\n", Files.readString(fixture.part("show").resolve("copied")));
    assertEquals(List.of("source"), fixture.plan().part("reader").dependencies());
  }

  @Test
  void partOrderFollowsReferencesThroughSectionsWithoutRecipes() throws IOException {
    fixture.profile(
        """
        [buildout]
        parts = debug data-dir

        [debug]
        recipe = test:files
        file = ${data-dir:location}/file
        helper = ${helper:value}

        [helper]
        value = ${auto:location}

        [auto]
        recipe = test:files

        [data-dir]
        recipe = test:files
        """);
    Plan plan = fixture.plan();
    assertEquals(List.of("data-dir", "auto", "debug"), plan.order());
    assertEquals(List.of("data-dir", "auto"), plan.part("debug").dependencies());
  }

  @Test
  void installingNamedPartsLeavesTheOthersAlone() throws IOException {
    fixture.profile(THREE_PARTS);
    fixture.install();
    fixture.profile(
        THREE_PARTS.replace("content = A", "content = A2").replace("content = B", "content = B2"));
    fixture.builder().build().install(List.of("a"));
    assertEquals("A2\n", Files.readString(fixture.part("a").resolve("one")));
    assertEquals("B\n", Files.readString(fixture.part("b").resolve("two")));
    Plan plan = fixture.builder().build().plan(List.of("a"));
    assertEquals(Action.KEEP, plan.part("b").action());
  }

  @Test
  void uninstallRemovesNamedOrAllParts() throws IOException {
    fixture.profile(THREE_PARTS);
    fixture.install();
    fixture.builder().build().uninstall(List.of("c"));
    assertFalse(Files.exists(fixture.part("c")));
    assertTrue(Files.exists(fixture.part("b")));
    fixture.builder().build().uninstall(List.of());
    assertFalse(Files.exists(directory.resolve(".installed.cfg")));
    assertFalse(Files.exists(fixture.part("a")));
  }

  @Test
  void aRecipeConstructorErrorStopsBeforeAnythingIsInstalled() throws IOException {
    fixture.profile(THREE_PARTS.replace("content = B", "content = B\nfail = create"));
    BuildoutException e = assertThrows(BuildoutException.class, fixture::install);
    assertEquals(
        List.of(
            "Installing.",
            "Getting section c.",
            "Initializing section c.",
            "Getting option c:content.",
            "Getting section b.",
            "Initializing section b."),
        e.whileChain());
    assertTrue(
        e.getMessage().startsWith("Invalid option b:fail (failing on purpose)"), e.getMessage());
    assertFalse(Files.exists(fixture.part("a")));
  }

  @Test
  void anUnknownRecipeIsNamedWithWhereItWasGiven() throws IOException {
    fixture.profile("[buildout]\nparts = x\n[x]\nrecipe = no.such.recipe\n");
    BuildoutException e = assertThrows(BuildoutException.class, fixture::plan);
    assertTrue(
        e.getMessage().startsWith("No recipe named 'no.such.recipe' for part x ("), e.getMessage());
    assertTrue(e.getMessage().contains("buildout.cfg:4"), e.getMessage());
  }

  @Test
  void aPartWithoutRecipeInPartsIsAMissingOption() throws IOException {
    fixture.profile("[buildout]\nparts = x\n[x]\na = 1\n");
    BuildoutException e = assertThrows(BuildoutException.class, fixture::install);
    assertEquals("Missing option: x:recipe", e.getMessage());
    assertEquals("Installing.", e.whileChain().get(0));
  }

  @Test
  void aChangedRecipeSignatureReinstalls() throws IOException {
    fixture.profile(THREE_PARTS);
    fixture.install();
    String state = fixture.installedCfg();
    Files.writeString(
        directory.resolve(".installed.cfg"),
        state.replaceFirst(
            "(\\[a\\]\\n__buildout_installed__ = [^\\n]*\\n__buildout_signature__ = )",
            "$1old-0000 "));
    Plan plan = fixture.plan();
    assertEquals(Action.REINSTALL, plan.part("a").action());
    assertTrue(plan.part("a").reason().startsWith("recipe code changed"), plan.part("a").reason());
  }

  @Test
  void subprocessOutputGoesToThePartLogAndAFailingCommandNamesItsStatus() throws IOException {
    fixture.profile(
        """
        [buildout]
        parts = a

        [a]
        recipe = test:files
        command = echo out; echo err >&2; pwd
        """);
    fixture.install();
    Path log = directory.resolve(".buildout4j/logs/a.log");
    List<String> lines = Files.readAllLines(log);
    assertTrue(lines.contains("out"), lines.toString());
    assertTrue(lines.contains("err"), lines.toString());
    assertTrue(
        lines.contains(directory.toRealPath().toString()) || lines.contains(directory.toString()),
        lines.toString());

    fixture.profile(
        """
        [buildout]
        parts = a

        [a]
        recipe = test:files
        command = echo about to fail; exit 3
        """);
    RunFailedException e = assertThrows(RunFailedException.class, fixture::install);
    assertTrue(
        e.getMessage()
            .startsWith("Command sh -c echo about to fail; exit 3 failed with exit status 3"),
        e.getMessage());
    assertTrue(e.getMessage().contains("log: " + log), e.getMessage());
    assertTrue(Files.readAllLines(log).contains("about to fail"));
    assertFalse(Files.exists(fixture.part("a")));
  }

  @Test
  void partsSeeOfflineAndNewestAsBuildoutDefinesThem() throws IOException {
    fixture.profile("[buildout]\nparts = a\n[a]\nrecipe = test:files\nreport-flags =\n");
    Plan plan = fixture.plan();
    assertEquals(Action.INSTALL, plan.part("a").action());
    var a = fixture.builder().build().loadProfile().section("a");
    assertEquals("false", a.get("offline-seen"));
    assertEquals("true", a.get("newest-seen"), "buildout's default");
    var overridden =
        Buildout.builder(directory.resolve("buildout.cfg"))
            .loader(
                io.buildout4j.profile.Profiles.loader()
                    .userDefaults(false)
                    .override("buildout:offline=true")
                    .override("buildout:newest=false"))
            .build()
            .loadProfile()
            .section("a");
    assertEquals("true", overridden.get("offline-seen"));
    assertEquals("false", overridden.get("newest-seen"));
  }

  @Test
  void thePartSignatureSeenWhenCreatedIsTheRecordedOne() throws IOException {
    fixture.profile(
        THREE_PARTS
            .replace(
                "content = ${b:location}/two", "content = ${b:location}/two\nreport-signature =")
            .replace("content = B", "content = B\nreport-signature ="));
    fixture.install();
    for (String part : List.of("b", "c")) {
      var recorded = fixture.state().part(part).orElseThrow().options();
      assertEquals(recorded.get("__buildout_signature__"), recorded.get("create-signature"), part);
    }
    assertTrue(
        fixture.state().part("c").orElseThrow().options().get("create-signature").contains(" b:"));
  }

  @Test
  void aRecipeRemovingAnOptionDoesNotChangeTheSectionsThatUseItAsAMacro() throws IOException {
    fixture.profile(
        """
        [buildout]
        parts = user

        [base]
        recipe = test:files
        drop = location
        location = ${buildout:directory}/from-macro

        [user]
        <= base
        files = x = ${:location}
        """);
    fixture.builder().build().loadProfile().resolveAll();
    fixture.install();
    assertTrue(Files.exists(directory.resolve("from-macro/x")));
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void signaturesAskedForWhileCreatingALongChainStayLinearAndMatchTheRecordedOnes()
      throws IOException {
    StringBuilder profile = new StringBuilder("[buildout]\nparts = p39\n");
    for (int i = 0; i < 40; i++) {
      profile.append("\n[p").append(i).append("]\nrecipe = test:files\nreport-signature =\n");
      if (i > 0) {
        profile.append("content = ${p").append(i - 1).append(":location}\n");
      }
    }
    fixture.profile(profile.toString());
    fixture.install();
    for (InstalledPart part : fixture.state().parts()) {
      assertEquals(
          part.options().get("__buildout_signature__"),
          part.options().get("create-signature"),
          part.name());
    }
    String last = fixture.state().part("p39").orElseThrow().options().get("create-signature");
    assertEquals(2, last.split(" ").length, "only the direct dependency: " + last);
  }
}

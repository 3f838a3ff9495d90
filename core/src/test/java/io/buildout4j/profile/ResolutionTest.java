package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ${section:option} substitution, laziness, escapes and [buildout] defaults (spec sections 5 and
 * 7).
 */
class ResolutionTest {
  @TempDir Path dir;

  private Profile profile(String text) {
    return new ProfileFixture(dir).profile(text);
  }

  @Test
  void referencesResolveAcrossSectionsAndWithinTheSection() {
    Profile p = profile("[a]\nx = 1\ny = ${:x}-${b:z}\n[b]\nz = ${a:x}2\n");
    assertEquals("1-12", p.get("a", "y"));
  }

  @Test
  void sectionsNobodyNeedsAreNeverChecked() {
    Profile p = profile("[ok]\nv = fine\n[broken]\nv = ${nosuch:x}\n");
    assertEquals("fine", p.get("ok", "v"));
    MissingSectionException e =
        assertThrows(MissingSectionException.class, () -> p.get("broken", "v"));
    assertTrue(
        e.getMessage().startsWith("The referenced section, 'nosuch', was not defined."),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("broken:v") && e.getMessage().contains("buildout.cfg:4"),
        e.getMessage());
  }

  @Test
  void aBadReferenceAnywhereInASectionFailsTheWholeSection() {
    Profile p = profile("[s]\ngood = 1\nbad = ${s:nosuch}\n");
    MissingOptionException e = assertThrows(MissingOptionException.class, () -> p.get("s", "good"));
    assertTrue(
        e.getMessage().startsWith("Referenced option does not exist: s nosuch"), e.getMessage());
    assertEquals(
        List.of("Getting section s.", "Initializing section s.", "Getting option s:bad."),
        e.whileChain());
  }

  @Test
  void circularReferencesAreRefusedWithTheLoop() {
    CircularReferenceException e =
        assertThrows(
            CircularReferenceException.class,
            () -> profile("[s]\nx = ${buildout:y}\n[buildout]\ny = ${s:x}\n"));
    assertEquals(
        List.of(
            "Initializing.",
            "Getting section buildout.",
            "Initializing section buildout.",
            "Getting option buildout:y.",
            "Getting section s.",
            "Initializing section s.",
            "Getting option s:x.",
            "Getting option buildout:y.",
            "Getting option s:x."),
        e.whileChain());
    assertTrue(e.chain().contains("s:x") && e.chain().contains("buildout:y"), e.chain().toString());
  }

  @Test
  void referencesThroughDifferentOptionsInBothDirectionsAreFine() {
    Profile p = profile("[a]\nx = ${b:y}\ny = 1\n[b]\ny = ${a:y}\n");
    assertEquals("1", p.get("a", "x"));
  }

  @Test
  void malformedReferencesSayWhatIsWrong() {
    assertEquals(
        "The substitution, ${a},\ndoesn't contain a colon.",
        firstLine(profile("[s]\nv = ${a}\n"), "s"));
    assertEquals(
        "The substitution, ${a:b:c},\nhas too many colons.",
        firstLine(profile("[s]\nv = ${a:b:c}\n"), "s"));
    assertEquals(
        "The section name in substitution, ${a$b:c},\nhas invalid characters.",
        firstLine(profile("[s]\nv = ${a$b:c}\n"), "s"));
    assertEquals(
        "The option name in substitution, ${s:},\nhas invalid characters.",
        firstLine(profile("[s]\nv = ${s:}\n"), "s"));
  }

  private static String firstLine(Profile p, String section) {
    BuildoutException e = assertThrows(BuildoutException.class, () -> p.section(section));
    String message = e.getMessage();
    int cut = message.indexOf(" (referenced by");
    return cut < 0 ? message : message.substring(0, cut);
  }

  @Test
  void unterminatedReferencesAreLiteralText() {
    assertEquals("${s:a", profile("[s]\nv = ${s:a\n").get("s", "v"));
  }

  @Test
  void sectionNameIsTheReferencingSection() {
    Profile p =
        profile(
            "[s]\na = 1\n[u]\nn = ${s:_buildout_section_name_}\nm = ${:_buildout_section_name_}\n");
    assertEquals("u", p.get("u", "n"));
    assertEquals("u", p.get("u", "m"));
  }

  @Test
  void slaposReadsDollarDollarBraceAsALiteralReference() {
    Profile p =
        profile(
            "[s]\na = A\nv = $${s:a} and $$ and $ and $${\nw = $$${s:a}\nx = $$$${s:a}\n[t]\ne = $${s:a}\n[u]\ne = ${t:e}\n");
    assertEquals("${s:a} and $$ and $ and ${", p.get("s", "v"));
    assertEquals("$$A", p.get("s", "w"));
    assertEquals("$$${s:a}", p.get("s", "x"));
    assertEquals("${s:a}", p.get("u", "e"));
  }

  @Test
  void upstreamKeepsDollarDollarAsWritten() {
    ProfileFixture f = new ProfileFixture(dir);
    f.write("buildout.cfg", "[s]\na = A\nv = $${s:a}\nw = x$$y${:a}\n");
    Profile p = f.loader().slaposExtensions(false).load(dir.resolve("buildout.cfg"));
    assertEquals("$${s:a}", p.get("s", "v"));
    assertEquals("x$$yA", p.get("s", "w"));
  }

  @Test
  void buildoutDirectoriesAreAbsolute() {
    Profile p =
        profile(
            "[buildout]\nbin-directory = ${buildout:directory}/mybin\n[s]\nparts = ${buildout:parts-directory}\n");
    assertEquals(dir.toString(), p.get("buildout", "directory"));
    assertEquals(dir + "/mybin", p.get("buildout", "bin-directory"));
    assertEquals(dir + "/parts", p.get("s", "parts"));
    assertEquals(dir + "/develop-eggs", p.get("buildout", "develop-eggs-directory"));
    assertEquals(dir + "/.installed.cfg", p.get("buildout", "installed"));
    assertEquals(dir + "/eggs", p.get("buildout", "eggs-directory"));
    assertEquals("/usr/bin/python3", p.get("buildout", "executable"));
  }

  @Test
  void cacheDirectoriesAreRelativeToTheFileThatSetsThem() {
    ProfileFixture f = new ProfileFixture(dir);
    f.write("conf/base.cfg", "[buildout]\ndownload-cache = dlcache\n");
    Profile p = f.profile("[buildout]\nextends = conf/base.cfg\n");
    assertEquals(dir.resolve("conf/dlcache").toString(), p.get("buildout", "download-cache"));
    assertEquals(
        Operation.DIRECTORY, p.annotate("buildout", "download-cache").history().last().operation());
  }

  @Test
  void booleansAndLogLevelsAreChecked() {
    BuildoutException e =
        assertThrows(BuildoutException.class, () -> profile("[buildout]\noffline = yes\n"));
    assertEquals(
        "Invalid value for 'offline' option: 'yes' (" + dir.resolve("buildout.cfg") + ":2)",
        e.getMessage());
    e = assertThrows(BuildoutException.class, () -> profile("[buildout]\nlog-level = LOUD\n"));
    assertEquals(
        "Invalid logging level LOUD (" + dir.resolve("buildout.cfg") + ":2)", e.getMessage());
  }

  @Test
  void partOrderIsPostOrderOfReferences() {
    Profile p =
        profile(
            """
        [buildout]
        parts = debug data-dir

        [debug]
        recipe = r:debug
        file = ${data-dir:path}/file
        helper = ${helper:value}

        [helper]
        value = ${auto:path}

        [auto]
        recipe = r:mkdir
        path = auto-dir

        [data-dir]
        recipe = r:mkdir
        path = mydata
        """);
    assertEquals(List.of("data-dir", "auto", "debug"), p.partOrder());
  }

  @Test
  void partDependenciesComeAfterReferences() {
    Profile p =
        profile(
            "[buildout]\nparts = app\n[app]\nrecipe = r\nx = ${config:v}\n=> b\n  a\n[a]\nrecipe = r\n"
                + "[b]\nrecipe = r\n[config]\nrecipe = r\nv = 1\n");
    assertEquals(List.of("config", "b", "a", "app"), p.partOrder());
  }

  @Test
  void recipePlaceholdersStandForOptionsRecipesWouldAdd() {
    ProfileFixture f = new ProfileFixture(dir);
    f.write(
        "buildout.cfg",
        "[lib]\nrecipe = cmmi\n[app]\npath = ${lib:location}/bin\n[data]\nv = ${nothing:here}\n");
    Profile p = f.loader().recipePlaceholders(true).load(dir.resolve("buildout.cfg"));
    assertEquals("@RECIPE{lib:location}/bin", p.get("app", "path"));
    assertThrows(MissingSectionException.class, () -> p.get("data", "v"));
  }

  @Test
  void selfExpandingReferencesAreBounded() {
    StringBuilder text = new StringBuilder("[s]\nv0 = xxxxxxxxxxxxxxxx\n");
    for (int i = 1; i <= 40; i++) {
      text.append("v")
          .append(i)
          .append(" = ${:v")
          .append(i - 1)
          .append("}${:v")
          .append(i - 1)
          .append("}\n");
    }
    Profile p = profile(text.toString());
    BuildoutException e = assertThrows(BuildoutException.class, () -> p.get("s", "v40"));
    assertTrue(e.getMessage().contains("grows beyond"), e.getMessage());
  }
}

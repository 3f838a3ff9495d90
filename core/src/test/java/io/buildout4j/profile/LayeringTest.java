package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * extends, layers, += and -=, command line and user defaults (spec sections 3 and 4, upstream 4.x).
 */
class LayeringTest {
  @TempDir Path dir;

  private ProfileFixture fixture() {
    return new ProfileFixture(dir);
  }

  @Test
  void laterExtendsOverrideEarlierAndTheExtendingFileOverridesAll() {
    ProfileFixture f = fixture();
    f.write("a.cfg", "[s]\nx = a\ny = a\nz = a\n");
    f.write("sub/b.cfg", "[s]\nx = b\ny = b\n");
    Profile p = f.profile("[buildout]\nextends =\n  a.cfg\n  sub/b.cfg\n[s]\nx = top\n");
    assertEquals("top", p.get("s", "x"));
    assertEquals("b", p.get("s", "y"));
    assertEquals("a", p.get("s", "z"));
  }

  @Test
  void extendsAreRelativeToTheExtendingFile() {
    ProfileFixture f = fixture();
    f.write("component/b/buildout.cfg", "[b]\nv = ${:_profile_base_location_}\n");
    f.write("component/a/buildout.cfg", "[buildout]\nextends = ../b/buildout.cfg\n");
    Profile p = f.profile("[buildout]\nextends = component/a/buildout.cfg\n");
    assertEquals(dir.resolve("component/b").toString(), p.get("b", "v"));
  }

  @Test
  void aSharedAncestorIsReappliedAfterAnEarlierSibling() {
    ProfileFixture f = fixture();
    f.write("base.cfg", "[s]\nx = base\n");
    f.write("b1.cfg", "[buildout]\nextends = base.cfg\n[s]\nx = b1\n");
    f.write("b2.cfg", "[buildout]\nextends = base.cfg\n");
    Profile p = f.profile("[buildout]\nextends = b1.cfg b2.cfg\n");
    assertEquals("base", p.get("s", "x"));
  }

  @Test
  void incrementsApplyAcrossFilesLineByLine() {
    ProfileFixture f = fixture();
    f.write("a.cfg", "[s]\nx = a1\n  a2\n");
    f.write("b.cfg", "[s]\nx += b\nx -= a1\n");
    Profile p = f.profile("[buildout]\nextends = a.cfg b.cfg\n[s]\nx += top\n");
    assertEquals("a2\nb\ntop", p.get("s", "x"));
  }

  @Test
  void plusIsAppliedBeforeMinusWhateverTheirOrder() {
    Profile p =
        fixture()
            .profile("[buildout]\nv = 1\nv -= 1\nv += 2\n[s]\nk = a\n  b\n  c\nk -= b\nk += d\n");
    assertEquals("2", p.get("buildout", "v"));
    assertEquals("a\nc\nd", p.get("s", "k"));
  }

  @Test
  void removingWorksOnWholeLinesOnly() {
    Profile p = fixture().profile("[s]\noption = b1 b2 b3\noption -= b1 b2\n");
    assertEquals("b1 b2 b3", p.get("s", "option"));
  }

  @Test
  void anIncrementInASectionNoLowerLayerHasBecomesAnAssignment() {
    Profile p = fixture().profile("[only-top]\nn += 1\nm -= 2\n");
    assertEquals("1", p.get("only-top", "n"));
    assertEquals("", p.get("only-top", "m"));
    assertNull(p.raw().value("only-top", "n +"));
  }

  @Test
  void anIncrementOfAnOptionNoLayerSetsStartsFromAnEmptyLine() {
    ProfileFixture f = fixture();
    f.write("base.cfg", "[s]\nother = 1\n");
    Profile p = f.profile("[buildout]\nextends = base.cfg\n[s]\nn += 1\n");
    assertEquals("\n1", p.get("s", "n"));
  }

  @Test
  void aBaseIncrementDoesNotTravelAboveAnOverridingAssignment() {
    ProfileFixture f = fixture();
    f.write("base.cfg", "[buildout]\nx += 1\n[s]\ny += 1\n");
    Profile p = f.profile("[buildout]\nextends = base.cfg\nx = 5\n[s]\ny = 5\n");
    assertEquals("5", p.get("buildout", "x"));
    assertEquals("5", p.get("s", "y"));
    assertFalse(p.raw().sections().get("s").containsKey("y +"));
  }

  @Test
  void commandLineAssignmentsComeLastAndMayIncrement() {
    ProfileFixture f = fixture();
    f.write("buildout.cfg", "[buildout]\nparts = p1\n[p1]\nfoo = a\n");
    Profile p =
        f.loader()
            .override("buildout:parts+=p2")
            .override("p1:foo += bar")
            .override("new:opt+=v")
            .override("x=1")
            .load(dir.resolve("buildout.cfg"));
    assertEquals("p1\np2", p.get("buildout", "parts"));
    assertEquals("a\nbar", p.get("p1", "foo"));
    assertEquals("v", p.get("new", "opt"));
    assertEquals("1", p.get("buildout", "x"));
    assertEquals(Origin.Kind.COMMAND_LINE, p.annotate("buildout", "x").origin().kind());
  }

  @Test
  void theLastOfRepeatedCommandLineAssignmentsWins() {
    ProfileFixture f = fixture();
    f.write("buildout.cfg", "[p1]\nfoo = a\n");
    Profile p =
        f.loader().override("p1:foo=2").override("p1:foo=1").load(dir.resolve("buildout.cfg"));
    assertEquals("1", p.get("p1", "foo"));
  }

  @Test
  void anExtendsOnTheCommandLineIsLoaded() {
    ProfileFixture f = fixture();
    f.write("buildout.cfg", "[s]\nx = 1\n");
    f.write("extra.cfg", "[s]\nx = 2\ny = 3\n");
    Profile p = f.loader().override("buildout:extends=extra.cfg").load(dir.resolve("buildout.cfg"));
    assertEquals("2", p.get("s", "x"));
    assertEquals("3", p.get("s", "y"));
  }

  @Test
  void userDefaultsGoUnderTheProfileAndIncrementsSeeThem() {
    ProfileFixture f = fixture();
    Path defaults = f.write("home/default.cfg", "[buildout]\nx = u1\n[s]\ny = u\n");
    f.write("base.cfg", "[buildout]\nother = 1\n");
    f.write("buildout.cfg", "[buildout]\nextends = base.cfg\nx += c1\n[s]\ny += c\n");
    Profile p =
        f.loader().userDefaults(true).userDefaultsFile(defaults).load(dir.resolve("buildout.cfg"));
    assertEquals("u1\nc1", p.get("buildout", "x"));
    assertEquals("u\nc", p.get("s", "y"));
  }

  @Test
  void anExtendsLoopIsReportedWithTheChain() {
    ProfileFixture f = fixture();
    f.write("a.cfg", "[buildout]\nextends = sub/../b.cfg\n");
    f.write("b.cfg", "[buildout]\nextends = a.cfg\n");
    ExtendsLoopException e = assertThrows(ExtendsLoopException.class, () -> f.load("a.cfg"));
    assertEquals(3, e.chain().size());
    assertTrue(
        e.getMessage().contains("a.cfg -> ") && e.getMessage().contains("b.cfg"), e.getMessage());
  }

  @Test
  void aMissingExtendedFileNamesTheFileAndTheLineThatExtendsIt() {
    ProfileFixture f = fixture();
    BuildoutException e =
        assertThrows(
            BuildoutException.class,
            () -> f.profile("[buildout]\nparts =\nextends =\n  nosuch.cfg\n"));
    assertTrue(e.getMessage().contains("nosuch.cfg"), e.getMessage());
    assertTrue(e.getMessage().contains("buildout.cfg:3"), e.getMessage());
  }

  @Test
  void aMissingRootProfileIsAClearError() {
    BuildoutException e = assertThrows(BuildoutException.class, () -> fixture().load("nope.cfg"));
    assertEquals("Couldn't open " + dir.resolve("nope.cfg"), e.getMessage());
  }

  @Test
  void optionalExtendsSkipMissingFiles() {
    ProfileFixture f = fixture();
    f.write("local.cfg", "[s]\nx = local\n");
    Profile p = f.profile("[buildout]\noptional-extends = local.cfg missing.cfg\n[s]\ny = 1\n");
    assertEquals("local", p.get("s", "x"));
  }

  /**
   * zc.buildout 4.1.12 prints {@code optional-extends file not found: NAME} (the name as written)
   * for each missing file; buildout4j logs the same line at INFO (slf4j-simple writes it to
   * standard error in these tests).
   */
  @Test
  void optionalExtendsLogEachMissingFileByTheNameAsWritten() {
    ProfileFixture f = fixture();
    f.write("local.cfg", "[s]\nx = local\n");
    f.write("buildout.cfg", "[buildout]\noptional-extends = local.cfg sub/missing.cfg\n");
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      f.load("buildout.cfg");
    } finally {
      System.setErr(stderr);
    }
    List<String> notices =
        logged
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.contains("optional-extends"))
            .toList();
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(
        notices.get(0).matches(".*INFO .*- optional-extends file not found: sub/missing\\.cfg"),
        notices.get(0));
  }

  @Test
  void extendsIsRemovedFromBuildout() {
    ProfileFixture f = fixture();
    f.write("a.cfg", "[s]\nx = 1\n");
    Profile p = f.profile("[buildout]\nextends = a.cfg\n");
    assertNull(p.find("buildout", "extends"));
  }

  @Test
  void profileBaseLocationIsTheTopmostFileThatUsesItInTheSection() {
    ProfileFixture f = fixture();
    f.write(
        "sub/base.cfg",
        "[both]\nc = ${:_profile_base_location_}\n[own]\nc = ${:_profile_base_location_}/x\n");
    Profile p =
        f.profile("[buildout]\nextends = sub/base.cfg\n[both]\nd = ${:_profile_base_location_}\n");
    assertEquals(dir.toString(), p.get("both", "c"));
    assertEquals(dir.resolve("sub") + "/x", p.get("own", "c"));
  }

  @Test
  void withoutTheSlaposExtensionsProfileBaseLocationIsMissing() {
    ProfileFixture f = fixture();
    f.write("buildout.cfg", "[s]\nc = ${:_profile_base_location_}\n");
    Profile p = f.loader().slaposExtensions(false).load(dir.resolve("buildout.cfg"));
    assertThrows(MissingOptionException.class, () -> p.get("s", "c"));
  }
}

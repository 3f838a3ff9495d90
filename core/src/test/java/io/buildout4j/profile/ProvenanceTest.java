package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every value knows where it came from (annotate). */
class ProvenanceTest {
  @TempDir Path dir;

  @Test
  void eachStepNamesItsFileAndLine() {
    ProfileFixture f = new ProfileFixture(dir);
    f.write("a.cfg", "[s]\nx = a1\n  a2\n");
    f.write("b.cfg", "\n[s]\nx += b\nx -= a1\n");
    Profile p = f.profile("[buildout]\nextends = a.cfg b.cfg\n[s]\nx += top\n");
    RawValue x = p.annotate("s", "x");
    List<Step> steps = x.history().effectiveSteps();
    assertEquals(
        List.of(Operation.SET, Operation.ADD, Operation.REMOVE, Operation.ADD),
        steps.stream().map(Step::operation).toList());
    assertEquals(Origin.file(dir.resolve("a.cfg").toString(), 2), steps.get(0).origin());
    assertEquals(Origin.file(dir.resolve("b.cfg").toString(), 3), steps.get(1).origin());
    assertEquals(Origin.file(dir.resolve("b.cfg").toString(), 4), steps.get(2).origin());
    assertEquals(Origin.file(dir.resolve("buildout.cfg").toString(), 4), steps.get(3).origin());
  }

  @Test
  void fullHistoryKeepsOverriddenSteps() {
    ProfileFixture f = new ProfileFixture(dir);
    f.write("base.cfg", "[s]\nx = base\n");
    f.write("b1.cfg", "[buildout]\nextends = base.cfg\n[s]\nx = b1\n");
    f.write("b2.cfg", "[buildout]\nextends = base.cfg\n");
    f.write("buildout.cfg", "[buildout]\nextends = b1.cfg b2.cfg\n");
    Profile full = f.loader().fullHistory(true).load(dir.resolve("buildout.cfg"));
    assertEquals(
        List.of("SET base", "OVERRIDE b1", "OVERRIDE base"),
        full.annotate("s", "x").history().steps().stream()
            .map(s -> s.operation() + " " + s.value())
            .toList());
    Profile effective = f.load("buildout.cfg");
    assertEquals(1, effective.annotate("s", "x").history().size());
  }

  @Test
  void defaultsAndTheCommandLineAreNamed() {
    ProfileFixture f = new ProfileFixture(dir);
    f.write("buildout.cfg", "[buildout]\n");
    Profile p = f.loader().override("buildout:log-level=DEBUG").load(dir.resolve("buildout.cfg"));
    assertEquals(
        Origin.DEFAULT,
        p.annotate("buildout", "parts-directory").history().steps().get(0).origin());
    assertEquals(Origin.COMPUTED, p.annotate("buildout", "directory").origin());
    assertEquals(Origin.COMMAND_LINE, p.annotate("buildout", "log-level").origin());
  }

  @Test
  void aMacroStepNamesTheSourceSectionAndTheLineOfTheMacro() {
    ProfileFixture f = new ProfileFixture(dir);
    Profile p =
        f.profile(
            "[base]\nurl = http://x/${:_buildout_section_name_}\nlist = a\n[foo]\n<= base\nlist += b\n");
    assertEquals("http://x/foo", p.get("foo", "url"));
    List<Step> url = p.annotate("foo", "url").history().effectiveSteps();
    assertEquals(
        List.of(Operation.SET, Operation.MACRO), url.stream().map(Step::operation).toList());
    assertEquals("base", url.get(1).value());
    assertEquals(Origin.file(dir.resolve("buildout.cfg").toString(), 5), url.get(1).origin());
    List<Step> list = p.annotate("foo", "list").history().effectiveSteps();
    assertEquals(
        List.of(Operation.SET, Operation.MACRO, Operation.ADD),
        list.stream().map(Step::operation).toList());
  }

  /**
   * As zc.buildout 4.1.12 ({@code _update}, issue 641): in a section no lower layer has, {@code m
   * -= 2} is first taken as {@code m = 2} from its file, then emptied by a REMOVE from {@code
   * IMPLICIT_VALUE}; {@code n += 2} is a plain SET from its file.
   */
  @Test
  void anIncrementInANewSectionIsASetFromItsFileThenARemoveFromTheImplicitValue() {
    ProfileFixture f = new ProfileFixture(dir);
    f.write("buildout.cfg", "[buildout]\nparts =\n[new]\nm -= 2\nn += 2\n");
    String file = dir.resolve("buildout.cfg").toString();
    for (boolean full : new boolean[] {false, true}) {
      Profile p = f.loader().fullHistory(full).load(dir.resolve("buildout.cfg"));
      RawValue m = p.annotate("new", "m");
      assertEquals("", m.value());
      assertEquals(
          List.of(
              new Step(Operation.SET, "2", Origin.file(file, 4)),
              new Step(Operation.REMOVE, "2", Origin.IMPLICIT)),
          m.history().steps());
      assertEquals(m.history().steps(), m.history().effectiveSteps());
      RawValue n = p.annotate("new", "n");
      assertEquals("2", n.value());
      assertEquals(
          List.of(new Step(Operation.SET, "2", Origin.file(file, 5))), n.history().steps());
    }
  }

  /** Over a section a lower layer has, without the option: the implicit empty value comes first. */
  @Test
  void anIncrementOverAMissingOptionStartsFromTheImplicitValue() {
    ProfileFixture f = new ProfileFixture(dir);
    f.write("base.cfg", "[s]\nother = 1\n");
    f.write("buildout.cfg", "[buildout]\nextends = base.cfg\nparts =\n[s]\nm -= 2\nn += 3\n");
    String file = dir.resolve("buildout.cfg").toString();
    Profile p = f.loader().fullHistory(true).load(dir.resolve("buildout.cfg"));
    assertEquals(
        List.of(
            new Step(Operation.SET, "", Origin.IMPLICIT),
            new Step(Operation.REMOVE, "2", Origin.file(file, 5))),
        p.annotate("s", "m").history().steps());
    assertEquals(
        List.of(
            new Step(Operation.SET, "", Origin.IMPLICIT),
            new Step(Operation.ADD, "3", Origin.file(file, 6))),
        p.annotate("s", "n").history().steps());
  }
}

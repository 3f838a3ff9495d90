package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <=} macros (spec section 6). */
class MacroTest {
  @TempDir Path dir;

  private Profile profile(String text) {
    return new ProfileFixture(dir).profile(text);
  }

  @Test
  void macrosLayerTheirSourcesAndResolveInTheExtendingSection() {
    Profile p =
        profile(
            """
        [base]
        recipe = myrecipes:debug
        path = base-path
        file = ${:path}/file
        name = ${:_buildout_section_name_}
        list = a
          b
        [mid]
        <= base
        path = mid-path
        color = red
        [other]
        color = green
        extra = other-extra
        [x]
        <= mid
           other
        list += c
        list -= a
        color = blue
        """);
    assertEquals("mid-path", p.get("x", "path"));
    assertEquals("mid-path/file", p.get("x", "file"));
    assertEquals("x", p.get("x", "name"));
    assertEquals("b\nc", p.get("x", "list"));
    assertEquals("blue", p.get("x", "color"));
    assertEquals("other-extra", p.get("x", "extra"));
    assertFalse(p.section("x").containsKey("<"));
  }

  @Test
  void aMacroSourceIsNotMaterialisedNorAPart() {
    Profile p =
        profile(
            "[buildout]\nparts = x\n[base]\nrecipe = r\nv = ${:_buildout_section_name_}\n[x]\n<= base\n");
    assertEquals(List.of("x"), p.partOrder());
    assertEquals("x", p.get("x", "v"));
  }

  @Test
  void macroLoopsAndMissingSourcesAreErrors() {
    Profile loop = profile("[a]\n<= b\n[b]\n<= a\n");
    BuildoutException e = assertThrows(BuildoutException.class, () -> loop.section("a"));
    assertEquals("Infinite extending loop 'a'", e.getMessage());
    Profile missing = profile("[a]\n<= nosuch\n");
    e = assertThrows(BuildoutException.class, () -> missing.section("a"));
    assertTrue(e.getMessage().startsWith("No section named 'nosuch'"), e.getMessage());
  }

  @Test
  void severalNamesOnOneLineAreOneName() {
    Profile p = profile("[base]\nx = 1\n[other]\ny = 2\n[a]\n<= base other\n");
    BuildoutException e = assertThrows(BuildoutException.class, () -> p.section("a"));
    assertTrue(e.getMessage().startsWith("No section named 'base other'"), e.getMessage());
  }

  @Test
  void inBuildoutTheMacroOptionIsAnOrdinaryOption() {
    Profile p = profile("[buildout]\n<= base\n[base]\nx = 1\n");
    assertEquals("base", p.get("buildout", "<"));
  }
}

package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The line grammar, checked against zc.buildout's configparser (spec section 1). */
class ProfileParserTest {
  private final ProfileParser parser = new ProfileParser(expression -> expression.equals("yes"));

  private Map<String, ParsedFile.ParsedOption> section(String text, String name) {
    return parser.parse(text, "/p/buildout.cfg").sections().get(name);
  }

  private String value(String text, String option) {
    return section(text, "s").get(option).value();
  }

  @Test
  void inlineValuesJoinStrippedContinuationLinesAndDropBlankOnes() {
    assertEquals(
        "first\nsecond\nthird", value("[s]\nmulti = first\n    second\n\n    third\n", "multi"));
  }

  @Test
  void blockValuesKeepBlankLinesAndRelativeIndentation() {
    assertEquals(
        "line1\n  indented\n\nline2",
        value("[s]\nblock =\n    line1\n      indented\n\n    line2\n", "block"));
    assertEquals("", value("[s]\nempty =\n", "empty"));
  }

  @Test
  void columnZeroCommentsInsideValuesAreSkippedButIndentedOnesAreText() {
    assertEquals("1\n2", value("[s]\na = 1\n# c\n  2\n", "a"));
    assertEquals("1\n# x", value("[s]\na = 1\n  # x\n", "a"));
  }

  @Test
  void thereAreNoInlineCommentsAndOnlyEqualsSeparates() {
    assertEquals("x # c", value("[s]\nv = x # c\n", "v"));
    assertEquals("x ; c", value("[s]\nv = x ; c\n", "v"));
    assertEquals("b=c", value("[s]\na=b=c\n", "a"));
    ProfileSyntaxException e =
        assertThrows(ProfileSyntaxException.class, () -> parser.parse("[s]\na: 1\n", "/p/x.cfg"));
    assertEquals(2, e.problems().get(0).line());
    assertTrue(e.getMessage().contains("/p/x.cfg:2"), e.getMessage());
  }

  @Test
  void incrementsAreRawKeysAndRepeatedOnesAccumulate() {
    Map<String, ParsedFile.ParsedOption> s = section("[s]\nc += 3\nd+=4\nf -= 6\nc += 5\n", "s");
    assertEquals("3\n5", s.get("c +").value());
    assertEquals("4", s.get("d+").value());
    assertEquals("6", s.get("f -").value());
  }

  @Test
  void anAssignmentAfterAnIncrementDiscardsTheIncrement() {
    Map<String, ParsedFile.ParsedOption> s = section("[s]\nw += 9\nw = 8\n", "s");
    assertEquals("8", s.get("w").value());
    assertFalse(s.containsKey("w +"));
  }

  @Test
  void arrowIsPartDependencies() {
    assertEquals("p1 p2", value("[s]\n=> p1 p2\n", "<part-dependencies>"));
    assertEquals("base", value("[s]\n<= base\n", "<"));
  }

  @Test
  void headersIgnoreSurroundingWhiteSpaceAndTrailingComments() {
    assertEquals("1", section("[  s  ]   # c\na = 1\n", "s").get("a").value());
    assertEquals("1", section("[ s ];comment\na = 1\n", "s").get("a").value());
    assertEquals("1", section("[s:]\na = 1\n", "s").get("a").value());
  }

  @Test
  void repeatedSectionsMergeAndTheLastValueWins() {
    Map<String, ParsedFile.ParsedOption> s = section("[s]\na = 1\nb = 2\n[t]\n[s]\na = 3\n", "s");
    assertEquals("3", s.get("a").value());
    assertEquals("2", s.get("b").value());
  }

  @Test
  void conditionalSectionsAreSkippedWhenFalseAndMergeWhenTrue() {
    Map<String, ParsedFile.ParsedOption> s =
        section("[s]\nalways = 1\n[s:yes]\nos = yes\n[s:no]\nos = no\n  continued\n", "s");
    assertEquals("1", s.get("always").value());
    assertEquals("yes", s.get("os").value());
  }

  @Test
  void aFalseConditionalSectionAtTheTopOfAFileIsSkipped() {
    ParsedFile file = parser.parse("[s:no]\nx = 1\n[buildout]\nparts =\n", "/p/x.cfg");
    assertFalse(file.sections().containsKey("s"));
    assertTrue(file.sections().containsKey("buildout"));
  }

  @Test
  void everyBadLineIsReportedWithItsLineNumber() {
    ProfileSyntaxException e =
        assertThrows(
            ProfileSyntaxException.class,
            () -> parser.parse("[s]\nok = 1\njunk line\n[t]\nkey with spaces = v\n", "/p/x.cfg"));
    assertEquals(2, e.problems().size());
    assertEquals(3, e.problems().get(0).line());
    assertEquals(5, e.problems().get(1).line());
    assertEquals("ParsingError", e.kind());
  }

  @Test
  void anOptionBeforeAnySectionIsRefusedAtOnce() {
    ProfileSyntaxException e =
        assertThrows(ProfileSyntaxException.class, () -> parser.parse("\na = 1\n", "/p/x.cfg"));
    assertEquals("MissingSectionHeaderError", e.kind());
    assertEquals(2, e.problems().get(0).line());
  }

  @Test
  void anIndentedOptionRightAfterAHeaderIsAnError() {
    assertThrows(ProfileSyntaxException.class, () -> parser.parse("[s]\n  a = 1\n", "/p/x.cfg"));
  }

  @Test
  void anIndentedHeaderAfterAnOptionContinuesTheValue() {
    assertEquals("1\n[t]", value("[s]\na = 1\n  [t]\n", "a"));
  }

  @Test
  void crlfLineEndingsAndAByteOrderMarkAreAccepted() {
    assertEquals("1\n2", value("\uFEFF[s]\r\na = 1\r\n  2\r\n", "a"));
  }

  @Test
  void dedentTreatsTabsAndSpacesAsDifferentCharacters() {
    assertEquals("\tx\n  y", value("[s]\na =\n\tx\n  y\n", "a"));
  }

  @Test
  void aBadConditionIsReportedWithItsLine() {
    ProfileParser failing =
        new ProfileParser(
            expression -> {
              throw new IllegalArgumentException("unknown name 'nope'");
            });
    ProfileSyntaxException e =
        assertThrows(
            ProfileSyntaxException.class, () -> failing.parse("[s:nope]\na = 1\n", "/p/x.cfg"));
    assertTrue(e.getMessage().contains("/p/x.cfg:1"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown name 'nope'"), e.getMessage());
  }
}

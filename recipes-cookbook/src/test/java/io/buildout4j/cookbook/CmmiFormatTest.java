package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CmmiFormatTest {
  @Test
  void replacesNamedValuesAndDoublePercent() {
    Map<String, String> values = Map.of("PATH", "/usr/bin", "location", "/p/x");
    assertEquals("/opt/bin:/usr/bin", CmmiFormat.format("/opt/bin:%(PATH)s", values));
    assertEquals("100% /p/x/bin", CmmiFormat.format("100%% %(location)s/bin", values));
    assertEquals("no percent", CmmiFormat.format("no percent", values));
  }

  @Test
  void keepsOtherPercentSequences() {
    assertEquals("%d %(x %", CmmiFormat.format("%d %(x %", Map.of()));
    assertEquals("%(x)d", CmmiFormat.format("%(x)d", Map.of("x", "1")));
  }

  @Test
  void missingKeyIsNamed() {
    CmmiFormat.MissingKeyException e =
        assertThrows(
            CmmiFormat.MissingKeyException.class, () -> CmmiFormat.format("%(HOME)s", Map.of()));
    assertEquals("HOME", e.key());
  }

  @Test
  void wordsAreSplitAsPythonDoes() {
    assertEquals(List.of("--a", "--b=\"x", "y\""), CmmiFormat.words("\n --a\n  --b=\"x y\"  \n"));
    assertEquals("--a --b", CmmiFormat.joinedWords("--a\n\t--b"));
    assertEquals(List.of(), CmmiFormat.words(null));
  }

  @Test
  void shellQuoting() {
    assertEquals("/a/b-c", CmmiFormat.shellQuote("/a/b-c"));
    assertEquals("''", CmmiFormat.shellQuote(""));
    assertEquals("'a b'", CmmiFormat.shellQuote("a b"));
    assertEquals("'it'\"'\"'s'", CmmiFormat.shellQuote("it's"));
  }
}

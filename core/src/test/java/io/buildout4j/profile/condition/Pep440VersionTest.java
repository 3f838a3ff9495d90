package io.buildout4j.profile.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Pep440VersionTest {

  private static Pep440Version v(String text) {
    Pep440Version version = Pep440Version.parse(text);
    assertNotNull(version, text);
    return version;
  }

  @Test
  void ordersAsPackagingDoes() {
    List<String> ascending =
        List.of(
            "1.0.dev0",
            "1.0a1.dev1",
            "1.0a1",
            "1.0a2",
            "1.0b1",
            "1.0rc1",
            "1.0",
            "1.0+local",
            "1.0+local.2",
            "1.0+local.10",
            "1.0.post1.dev0",
            "1.0.post1",
            "1.0.1",
            "1.1",
            "2",
            "1!0.1");
    for (int i = 0; i + 1 < ascending.size(); i++) {
      Pep440Version lower = v(ascending.get(i));
      Pep440Version higher = v(ascending.get(i + 1));
      assertTrue(lower.compareTo(higher) < 0, lower + " < " + higher);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "1.0, 1",
    "1.0.0, 1",
    "v1.0, 1.0",
    "1.0-a1, 1.0a1",
    "1.0alpha1, 1.0a1",
    "1.0c1, 1.0rc1",
    "1.0-1, 1.0.post1",
    "1.0rev1, 1.0.post1",
    "1.0-dev, 1.0.dev0",
    "1.0+Local_1, 1.0+local.1",
  })
  void equalForms(String a, String b) {
    assertEquals(0, v(a).compareTo(v(b)), a + " == " + b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "linux", "1.0-fc-v782", "6.1.0-18-amd64", "1..0", "1.0+", "x1.0"})
  void rejectsNonVersions(String text) {
    assertNull(Pep440Version.parse(text));
  }

  @ParameterizedTest
  @CsvSource({
    "'>=3.9', 3.11, true", "'<3.9', 3.11, false", "'==3.11.*', 3.11.2, true",
    "'==3.1.*', 3.11.2, false", "'!=3.11.*', 3.11.2, false", "'~=3.8', 3.11, true",
    "'~=3.8.1', 3.9, false", "'~=3.11.0', 3.11.2, true", "'<3.11.3', 3.11.3a1, false",
    "'<3.11.3a2', 3.11.3a1, true", "'>3.11.2', 3.11.2.post1, false", "'>3.11.2', 3.11.2+x, false",
    "'<=3.11.2', 3.11.2+x, true", "'==3.11.2', 3.11.2+x, true", "'==3.11.2+x', 3.11.2, false",
    "'===3.11.2', 3.11.2, true",
  })
  void specifiersMatch(String specifier, String version, boolean expected) {
    VersionSpecifier spec = VersionSpecifier.parse(specifier);
    assertNotNull(spec, specifier);
    assertEquals(expected, spec.contains(v(version)), specifier + " contains " + version);
  }

  @Test
  void overlongTextIsNeitherAVersionNorASpecifier() {
    assertNull(Pep440Version.parse("1" + ".0".repeat(Pep440Version.MAX_LENGTH)));
    assertNull(VersionSpecifier.parse(">=1" + ".0".repeat(Pep440Version.MAX_LENGTH)));
    assertNotNull(Pep440Version.parse("1" + ".0".repeat(100)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"~=3", "<3.*", ">=3.9+local", "==linux", "in3.9", ">= x", "=== a b"})
  void rejectsInvalidSpecifiers(String text) {
    assertNull(VersionSpecifier.parse(text));
  }
}

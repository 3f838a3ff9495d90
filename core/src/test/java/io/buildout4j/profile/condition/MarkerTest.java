package io.buildout4j.profile.condition;

import static io.buildout4j.profile.condition.TestTargets.LINUX_X86_64;
import static io.buildout4j.profile.condition.TestTargets.MACOS_ARM64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PEP 508 environment markers, evaluated against CPython 3.11.2 on Linux x86_64. */
class MarkerTest {
  private static final ConditionEvaluator LINUX = new ConditionEvaluator(LINUX_X86_64);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "python_version >= \"3.9\"",
        "python_version >= '3.9'",
        "python_version < \"3.12\" and python_version >= \"3.8\"",
        "python_version == \"3.11\"",
        "python_version == \"3.11.0\"",
        "python_version ~= \"3.10\"",
        "python_version > \"3.9.0rc1\"",
        "python_full_version == \"3.11.*\"",
        "python_full_version ~= \"3.11.0\"",
        "python_full_version < \"3.11.3a1\"",
        "python_full_version == \"v3.11.2\"",
        "implementation_version >= \"3\"",
        "python_version > \"3.9\" or python_version < \"2\"",
        "os_name == \"posix\"",
        "sys_platform == \"linux\" and platform_machine == \"x86_64\"",
        "platform_system == \"Linux\"",
        "platform_python_implementation == \"CPython\"",
        "python_implementation == \"CPython\"",
        "implementation_name == \"cpython\"",
        "\"x86\" in platform_machine",
        "\"arm\" not in platform_machine",
        "\"linux\" in sys_platform",
        "\"3.11\" == python_version",
        "\"3\" < python_version",
        "platform_release == \"6.1.0-18-amd64\"",
        "platform_release != \"6\"",
        "sys_platform === \"LINUX\"",
        "extra == \"\"",
        "(python_version >= \"3\" and os_name == \"posix\") or sys_platform == \"win32\"",
        "((python_version >= \"3\"))",
        "python_version >= \"3\" and (sys_platform == \"darwin\" or sys_platform == \"linux\")",
        "python_version in \"3.10 3.11 3.12\"",
        "sys_platform==\"linux\"",
        "python_version>\"3.9\"and os_name==\"posix\"",
        "os.name == \"posix\"",
        "sys.platform == 'linux'",
        "platform.machine == \"x86_64\"",
      })
  void trueMarkers(String marker) {
    assertTrue(LINUX.evaluate(marker), marker);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "python_version != \"3.11\"",
        "python_version != \"3.11.*\"",
        "python_version >= \"1!1.0\"",
        "python_full_version > \"3.11.2.post1\"",
        "python_full_version == \"3.11.2+local\"",
        "python_full_version ~= \"3.12.0\"",
        "platform_machine == \"aarch64\"",
        "python_version not in \"3.10 3.11\"",
        "extra == \"test\"",
        "python_version == python_full_version",
        "python_version >= \"3\" and sys_platform == \"win32\" or os_name == \"nt\"",
      })
  void falseMarkers(String marker) {
    assertFalse(LINUX.evaluate(marker), marker);
  }

  @Test
  void markersFollowTheTarget() {
    assertFalse(
        new ConditionEvaluator(LINUX_X86_64.withPython(3, 8))
            .evaluate("python_version >= \"3.9\""));
    assertTrue(
        new ConditionEvaluator(LINUX_X86_64.withPython(3, 10))
            .evaluate("python_version >= \"3.9\""));
    assertTrue(
        new ConditionEvaluator(LINUX_X86_64.withPython(3, 10))
            .evaluate("python_version > \"3.9\""));
    assertTrue(
        new ConditionEvaluator(MACOS_ARM64)
            .evaluate("sys_platform == \"darwin\" and platform_machine == \"arm64\""));
  }

  @Test
  void orderingNonVersionsIsAnError() {
    ConditionException e =
        assertThrows(ConditionException.class, () -> LINUX.evaluate("platform_release >= \"5\""));
    assertEquals(
        "invalid marker comparison '6.1.0-18-amd64' >= '5': '>=' needs PEP 440 versions on both"
            + " sides at column 1 in: platform_release >= \"5\"",
        e.getMessage());
    assertThrows(ConditionException.class, () -> LINUX.evaluate("platform_machine < \"y\""));
  }

  @Test
  void everyComparisonIsEvaluatedWithoutShortCircuit() {
    // packaging evaluates all terms, so a bad comparison fails even after a true "or" operand.
    assertThrows(
        ConditionException.class,
        () -> LINUX.evaluate("python_version >= \"3\" or platform_release > \"x\""));
  }

  @Test
  void comparingTwoLiteralsIsAnError() {
    ConditionException e =
        assertThrows(ConditionException.class, () -> LINUX.evaluate("\"linux\" == \"linux\""));
    assertTrue(e.getMessage().startsWith("UndefinedEnvironmentName: 'linux'"), e.getMessage());
  }

  @Test
  void nonMarkersFallThroughToPython() {
    // Bare names, calls and mixtures with Python names are not markers.
    assertTrue(LINUX.evaluate("sys.platform.startswith('linux')"));
    ConditionException e =
        assertThrows(
            ConditionException.class, () -> LINUX.evaluate("python_version >= '3.9' and linux"));
    assertEquals(
        "unknown name 'python_version' at column 1 in: python_version >= '3.9' and linux",
        e.getMessage());
  }

  @Test
  void hexEscapesAreReplacedBeforeMarkerParsing() {
    assertFalse(LINUX.evaluate("platform_version == \"\\x23\""));
  }
}

package io.buildout4j.profile.condition;

import static io.buildout4j.profile.condition.TestTargets.LINUX_X86_64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

/**
 * Whatever the input, evaluation ends with a result or a {@link ConditionException}: never another
 * exception, a {@link StackOverflowError} or a hang.
 */
@Timeout(120)
class MalformedConditionTest {
  private static final ConditionEvaluator LINUX = new ConditionEvaluator(LINUX_X86_64);

  /** Pieces of conditions, valid and invalid, for token-soup inputs. */
  private static final List<String> TOKENS =
      List.of(
          "linux",
          "python3",
          "python27",
          "not",
          "and",
          "or",
          "in",
          "is",
          "if",
          "else",
          "for",
          "x",
          "lambda",
          "(",
          ")",
          "[",
          "]",
          "{",
          "}",
          ",",
          ":",
          ".",
          ";",
          "=",
          "==",
          "!=",
          "<",
          "<=",
          ">",
          ">=",
          "+",
          "-",
          "*",
          "**",
          "//",
          "/",
          "%",
          "~",
          "|",
          "&",
          "^",
          "<<",
          ">>",
          "0",
          "1",
          "-1",
          "3",
          "10",
          "99999999999999999999",
          "0x1f",
          "08",
          "1.5",
          "'a'",
          "\"b\"",
          "''",
          "'abc'",
          "r'\\d'",
          "'\\x'",
          "'\\N{bogus}'",
          "'",
          "\"",
          "#",
          "\\x23",
          "\\x3b",
          "None",
          "True",
          "False",
          "sys",
          "os",
          "platform",
          "re",
          "version_info",
          "platform",
          "machine",
          "split",
          "strip",
          "read",
          "get",
          "major",
          "sys.version_info",
          "platform.machine()",
          "platform.release()",
          "os.path.isdir",
          "os.path.exists('')",
          "os.access",
          "os.R_OK",
          "open",
          "open('')",
          "open('/')",
          "int",
          "str",
          "len",
          "bool",
          "__class__",
          "_x",
          "eval",
          "python_version",
          "sys_platform",
          "platform_release",
          "extra",
          "\"3.9\"",
          "'3.*'",
          "'~=3'",
          "===",
          "~=",
          "'linux'",
          "[:2]",
          "[::-1]",
          "[0]",
          "[-1]",
          "(3, 8)",
          "(1,)",
          "{'a': 1}",
          "re.match",
          "'(a*)*b'",
          "'a' * 100000",
          " ",
          "\t",
          "\u00e9",
          "\ud83d\ude00");

  private static @Nullable Throwable unexpectedFailure(String expression) {
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    try {
      LINUX.evaluate(expression);
    } catch (ConditionException expected) {
      assertFalse(expected.getMessage().isBlank());
      assertTrue(expected.getMessage().contains(" in: "), expected.getMessage());
    } catch (Throwable t) {
      failure.set(t);
    }
    return failure.get();
  }

  private static void neverFailsUnexpectedly(Gen<String> inputs) {
    qt().withExamples(3000)
        .forAll(inputs)
        .checkAssert(expression -> assertNull(unexpectedFailure(expression), expression));
  }

  @Test
  void randomAsciiOnlyRaisesConditionException() {
    neverFailsUnexpectedly(strings().ascii().ofLengthBetween(0, 40));
  }

  @Test
  void randomUnicodeOnlyRaisesConditionException() {
    neverFailsUnexpectedly(strings().allPossible().ofLengthBetween(0, 20));
  }

  @Test
  void randomTokenSoupOnlyRaisesConditionException() {
    Gen<String> token = integers().between(0, TOKENS.size() - 1).map(TOKENS::get);
    Gen<String> soup =
        lists()
            .of(token)
            .ofSizeBetween(1, 12)
            .map(t -> t.stream().collect(Collectors.joining(" ")));
    Gen<String> glued = lists().of(token).ofSizeBetween(1, 12).map(t -> String.join("", t));
    neverFailsUnexpectedly(soup);
    neverFailsUnexpectedly(glued);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "(%s)", "[%s]", "{%s: 1}", "not %s", "-%s", "~%s", "x[%s]", "f(%s)", "(%s,)", "2 ** %s",
      })
  void deepNestingEndsInAConditionException(String wrapper) throws InterruptedException {
    String expression = "linux";
    for (int i = 0; i < 10_000; i++) {
      expression = String.format(wrapper, expression);
    }
    assertEndsWithResultOrConditionException(expression);
  }

  static Stream<String> longChains() {
    return Stream.of(
        "1" + " + 1".repeat(10_000),
        "linux" + " or linux".repeat(10_000),
        "1" + " < 2".repeat(10_000),
        "'a'" + " * 1".repeat(10_000),
        "sys" + ".version_info".repeat(10_000),
        "x" + "[0]".repeat(10_000),
        "f" + "()".repeat(10_000),
        "'a' " + "'b' ".repeat(10_000),
        "1, ".repeat(10_000),
        "1".repeat(100_000),
        "0x" + "1_".repeat(50_000) + "1",
        "'" + "a".repeat(100_000) + "'",
        "x".repeat(100_000),
        "python_version >= \"1" + ".0".repeat(50_000) + "\"",
        "python_version == \"1+" + "a.".repeat(50_000) + "a\"",
        "'a' " + "'b' ".repeat(10_000),
        "int('" + "1".repeat(100_000) + "')");
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("longChains")
  void longChainsEndInAResultOrConditionException(String expression) throws InterruptedException {
    assertEndsWithResultOrConditionException(expression);
  }

  @Test
  void deeplyNestedMarkerEndsInAConditionException() throws InterruptedException {
    String marker = "(".repeat(10_000) + "python_version >= \"3\"" + ")".repeat(10_000);
    assertEndsWithResultOrConditionException(marker);
  }

  @Test
  void moderateNestingStillWorks() {
    assertTrue(LINUX.evaluate("(".repeat(45) + "linux" + ")".repeat(45)));
    assertTrue(LINUX.evaluate("not ".repeat(44) + "linux"));
    assertEquals(true, LINUX.evaluate("1" + " + 1".repeat(150) + " == 151"));
  }

  @Test
  void emptyAndBlankConditionsAreRejected() {
    assertThrows(ConditionException.class, () -> LINUX.evaluate(""));
    ConditionException e = assertThrows(ConditionException.class, () -> LINUX.evaluate("   "));
    assertEquals("empty condition at column 1 in:    ", e.getMessage());
  }

  /** Evaluates on a thread with a small stack, to prove recursion is bounded. */
  private static void assertEndsWithResultOrConditionException(String expression)
      throws InterruptedException {
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(null, () -> failure.set(unexpectedFailure(expression)), "deep", 256 * 1024);
    thread.start();
    thread.join();
    Throwable t = failure.get();
    if (t != null) {
      throw new AssertionError(
          "unexpected " + t + " for " + expression.substring(0, Math.min(60, expression.length())),
          t);
    }
  }
}

package io.buildout4j.profile.condition;

import static io.buildout4j.profile.condition.TestTargets.LINUX_X86_64;
import static io.buildout4j.profile.condition.TestTargets.MACOS_ARM64;
import static io.buildout4j.profile.condition.TestTargets.WINDOWS_AMD64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionEvaluatorTest {

  private static final ConditionEvaluator LINUX = new ConditionEvaluator(LINUX_X86_64);

  private static boolean on(TargetEnvironment target, String expression) {
    return new ConditionEvaluator(target).evaluate(expression);
  }

  private static ConditionEvaluator withOsRelease(Path dir, String content) throws IOException {
    Path file = dir.resolve("os-release");
    Files.writeString(file, content);
    return new ConditionEvaluator(LINUX_X86_64, new HostFileSystem(List.of(file)));
  }

  /** Every condition found in the SlapOS profiles. */
  @Nested
  class SlapOsCorpus {

    @Test
    void bareFlagsFollowTheTarget() {
      assertFalse(LINUX.evaluate("python2"));
      assertTrue(LINUX.evaluate("python3"));
      assertFalse(LINUX.evaluate("python27"));
      assertFalse(LINUX.evaluate("pypy"));
      assertTrue(LINUX.evaluate("posix"));
      assertFalse(LINUX.evaluate("bits32"));
      assertTrue(on(LINUX_X86_64.withPython(2, 7), "python27"));
      assertTrue(on(LINUX_X86_64.withImplementation("pypy"), "pypy"));
      assertFalse(on(WINDOWS_AMD64, "posix"));
      assertTrue(on(LINUX_X86_64.withPointerBits(32), "bits32"));
    }

    @Test
    void machineComparisons() {
      assertTrue(LINUX.evaluate("linux and platform.machine() == \"x86_64\""));
      assertFalse(LINUX.evaluate("linux and platform.machine() == 'i686'"));
      assertTrue(on(LINUX_X86_64.withMachine("i686"), "linux and platform.machine() == 'i686'"));
      assertFalse(LINUX.evaluate("platform.machine() == 'aarch64'"));
      assertTrue(on(LINUX_X86_64.withMachine("aarch64"), "platform.machine() == 'aarch64'"));
      assertTrue(LINUX.evaluate("not linux or platform.machine() != 'riscv64'"));
      assertFalse(
          on(LINUX_X86_64.withMachine("riscv64"), "not linux or platform.machine() != 'riscv64'"));
      assertTrue(on(MACOS_ARM64, "not linux or platform.machine() != 'riscv64'"));
      assertFalse(LINUX.evaluate("not (linux and platform.machine() == \"x86_64\")"));
      assertTrue(on(MACOS_ARM64, "not (linux and platform.machine() == \"x86_64\")"));
    }

    @Test
    void versionInfoComparisons() {
      assertFalse(LINUX.evaluate("sys.version_info < (3,8)"));
      assertTrue(on(LINUX_X86_64.withPython(3, 7), "sys.version_info < (3,8)"));
      assertFalse(LINUX.evaluate("pypy or sys.version_info >= (3,13)"));
      assertTrue(on(LINUX_X86_64.withPython(3, 13), "pypy or sys.version_info >= (3,13)"));
      assertTrue(on(LINUX_X86_64.withImplementation("pypy"), "pypy or sys.version_info >= (3,13)"));
    }

    @Test
    void osReleaseCondition(@TempDir Path dir) throws IOException {
      String condition =
          "sys.version_info < (3, 10) or (platform.freedesktop_os_release()['ID'] == 'debian' and"
              + " int(platform.freedesktop_os_release()['VERSION_ID']) < 12)";
      assertTrue(withOsRelease(dir, "ID=debian\nVERSION_ID=\"11\"\n").evaluate(condition));
      assertFalse(withOsRelease(dir, "ID=debian\nVERSION_ID=\"12\"\n").evaluate(condition));
      assertFalse(withOsRelease(dir, "ID=ubuntu\nVERSION_ID=\"20.04\"\n").evaluate(condition));
      // On Python 3.9 the left side is true and os-release is never read (it may not exist).
      ConditionEvaluator py39 =
          new ConditionEvaluator(
              LINUX_X86_64.withPython(3, 9), new HostFileSystem(List.of(dir.resolve("none"))));
      assertTrue(py39.evaluate(condition));
    }

    @Test
    void releaseComparedAsListOfInts() {
      String condition = "[int(q) for q in platform.release().split(\".\")[:2]]<[4,14]";
      assertFalse(LINUX.evaluate(condition));
      assertTrue(on(LINUX_X86_64.withRelease("4.9.0-19-amd64"), condition));
      assertFalse(on(LINUX_X86_64.withRelease("4.14.0"), condition));
    }

    @Test
    void olinuxinoProbeOnThisMachine() {
      assumeFalse(Files.isDirectory(Path.of("/usr/lib/arm-linux-gnueabihf")));
      assertFalse(
          LINUX.evaluate(
              "os.path.isdir('/usr/lib/arm-linux-gnueabihf') and"
                  + " os.access('/proc/device-tree/model', os.R_OK) and"
                  + " 'OLinuXino' in open('/proc/device-tree/model').read()"));
    }

    @Test
    void pep508Markers() {
      assertTrue(LINUX.evaluate("python_version >= \"3.9\""));
      assertFalse(on(LINUX_X86_64.withPython(3, 8), "python_version >= \"3.9\""));
      assertTrue(LINUX.evaluate("sys_platform == \"linux\" and platform_machine == \"x86_64\""));
      assertFalse(on(MACOS_ARM64, "sys_platform == \"linux\" and platform_machine == \"x86_64\""));
      assertTrue(LINUX.evaluate("\"linux\" in sys_platform"));
    }
  }

  @Nested
  class ShortCircuit {
    @TempDir Path dir;

    private String probe(Path armDir, Path model) {
      return "os.path.isdir('"
          + armDir
          + "') and os.access('"
          + model
          + "', os.R_OK) and 'OLinuXino' in open('"
          + model
          + "').read()";
    }

    @Test
    void falseLeftSideSkipsTheFileRead() {
      // Neither path exists: open() would raise FileNotFoundError if it were reached.
      assertFalse(LINUX.evaluate(probe(dir.resolve("arm"), dir.resolve("model"))));
    }

    @Test
    void trueLeftSideReadsTheFile() throws IOException {
      Files.createDirectory(dir.resolve("arm"));
      Files.writeString(dir.resolve("model"), "Olimex A20-OLinuXino-LIME2\0");
      assertTrue(LINUX.evaluate(probe(dir.resolve("arm"), dir.resolve("model"))));
      Files.writeString(dir.resolve("model"), "Raspberry Pi 4");
      assertFalse(LINUX.evaluate(probe(dir.resolve("arm"), dir.resolve("model"))));
    }

    @Test
    void missingFileRaisesWhenReached() throws IOException {
      Files.createDirectory(dir.resolve("arm"));
      Path model = dir.resolve("model");
      ConditionException e =
          assertThrows(
              ConditionException.class,
              () ->
                  LINUX.evaluate(
                      "os.path.isdir('"
                          + dir.resolve("arm")
                          + "') and open('"
                          + model
                          + "').read()"));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "FileNotFoundError: [Errno 2] No such file or directory: '" + model + "'"),
          e.getMessage());
    }

    @Test
    void orAndConditionalSkipUnknownNames() {
      assertTrue(LINUX.evaluate("linux or no_such_name"));
      assertFalse(LINUX.evaluate("python2 and no_such_name()"));
      assertTrue(LINUX.evaluate("1 if linux else no_such_name"));
      assertFalse(LINUX.evaluate("1 < 0 < no_such_name"));
    }

    @Test
    void andOrReturnOperandsLikePython() {
      assertFalse(LINUX.evaluate("0 or []"));
      assertTrue(LINUX.evaluate("(0 or 'x') == 'x'"));
      assertTrue(LINUX.evaluate("(linux and 5) == 5"));
      assertTrue(LINUX.evaluate("('' and 1) == ''"));
    }
  }

  @Nested
  class Flags {
    @ParameterizedTest
    @CsvSource({
      "2, 4, python24",
      "2, 7, python27",
      "3, 0, python30",
      "3, 6, python36",
      "3, 9, python39",
      "3, 10, python310",
      "3, 11, python311",
      "3, 12, python312",
      "3, 15, python315"
    })
    void onlyTheTargetMinorVersionFlagIsTrue(int major, int minor, String flag) {
      ConditionEvaluator evaluator = new ConditionEvaluator(LINUX_X86_64.withPython(major, minor));
      assertTrue(evaluator.evaluate(flag));
      assertEquals(major == 2, evaluator.evaluate("python2"));
      assertEquals(major == 3, evaluator.evaluate("python3"));
      for (String suffix : Namespace.VERSION_FLAGS) {
        assertEquals(flag.equals("python" + suffix), evaluator.evaluate("python" + suffix), suffix);
      }
    }

    @Test
    void python39UnderWithPython39() {
      assertTrue(on(LINUX_X86_64.withPython(3, 9), "python39"));
      assertFalse(LINUX.evaluate("python39"));
      assertTrue(LINUX.evaluate("python311"));
    }

    @Test
    void versionFlagsStopAt315() {
      ConditionException e =
          assertThrows(ConditionException.class, () -> LINUX.evaluate("python316"));
      assertEquals("unknown name 'python316' at column 1 in: python316", e.getMessage());
    }

    @Test
    void implementationFlags() {
      assertTrue(LINUX.evaluate("cpython and not (pypy or jython or ironpython)"));
      TargetEnvironment pypy = LINUX_X86_64.withImplementation("pypy");
      assertTrue(on(pypy, "pypy and not cpython"));
      assertTrue(on(LINUX_X86_64.withImplementation("jython"), "jython and not cpython"));
      assertTrue(on(LINUX_X86_64.withImplementation("ironpython"), "ironpython"));
      assertTrue(on(pypy, "platform.python_implementation() == 'PyPy'"));
    }

    @Test
    void operatingSystemFlags() {
      assertTrue(
          LINUX.evaluate("linux and posix and not (windows or cygwin or solaris or macosx)"));
      assertTrue(on(MACOS_ARM64, "macosx and posix and not linux"));
      assertTrue(
          on(WINDOWS_AMD64, "windows and not posix and os.name == 'nt' and os.sep == '\\\\'"));
      assertTrue(on(LINUX_X86_64.withSysPlatform("cygwin"), "cygwin and posix"));
      assertTrue(on(LINUX_X86_64.withSysPlatform("sunos5"), "solaris"));
    }

    @Test
    void bitsAndEndiannessFlags() {
      assertTrue(LINUX.evaluate("bits64 and not bits32 and little_endian and not big_endian"));
      assertTrue(LINUX.evaluate("sys.maxsize > 2**32 and sys.byteorder == 'little'"));
      TargetEnvironment s390 =
          LINUX_X86_64.withMachine("s390").withPointerBits(32).withByteOrder(ByteOrder.BIG_ENDIAN);
      assertTrue(on(s390, "bits32 and big_endian and sys.byteorder == 'big'"));
      assertTrue(on(s390, "sys.maxsize == 2147483647"));
    }
  }

  @Nested
  class PythonSemantics {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "True",
          "1",
          "-1",
          "'x'",
          "(0,)",
          "[0]",
          "{'a': 1}",
          "1, 0",
          "linux,",
          "not None",
          "1 < 2 < 3",
          "3 > 2 == 2",
          "1 == True",
          "True + True == 2",
          "- - 1 == 1",
          "~0 == -1",
          "-7 // 2 == -4",
          "-7 % 3 == 2",
          "7 % -3 == -2",
          "-2 ** 2 == -4",
          "2 ** -1 if 0 else 1",
          "'a' * 3 == 'aaa'",
          "3 * 'a' == 'aaa'",
          "(1, 2) * 2 == (1, 2, 1, 2)",
          "[1] * 0 == []",
          "(1,) + (2,) == (1, 2)",
          "[1] + [2] == [1, 2]",
          "(1, 'a') == (1, 'a')",
          "(1, 2) != [1, 2]",
          "None is None",
          "None == None",
          "linux is True",
          "1 is 1",
          "'a' in 'abc' and True",
          "'d' not in 'abc' and True",
          "1 in (1, 2)",
          "'x' in {'x': 1}",
          "{'a': 1}['a'] == 1",
          "{'a': 1, 'a': 2}['a'] == 2",
          "{}.get('a') is None",
          "{'a': 1}.get('b', 2) == 2",
          "[x for x in 'abc'] == ['a', 'b', 'c']",
          "[x for x in (1, 2, 3) if x > 1 if x < 3] == [2]",
          "[a for a, b in [(1, 2), (3, 4)]] == [1, 3]",
          "[x for x in 'ab'][1] == 'b'",
          "'abc'[-1] == 'c'",
          "'abcdef'[::2] == 'ace'",
          "'abcdef'[::-1] == 'fedcba'",
          "'abcdef'[1:-1:2] == 'bd'",
          "'abcdef'[10:] == ''",
          "'abc'[None:2] == 'ab'",
          "(1, 2, 3)[1:] == (2, 3)",
          "sys.version_info[:2] == (3, 11)",
          "sys.version_info == (3, 11, 2, 'final', 0)",
          "sys.version_info.major == 3",
          "sys.version_info[3] == 'final'",
          "sys.version_info < [3, 12] if 0 else 1",
          "'a.b.c'.split('.', 1) == ['a', 'b.c']",
          "'  a  b  c '.split(None, 1) == ['a', 'b  c ']",
          "''.split() == []",
          "''.split('.') == ['']",
          "'xxaxx'.strip('x') == 'a'",
          "'  x  '.lstrip() == 'x  '",
          "'abc'.endswith(('x', 'c'))",
          "'aaa'.replace('a', 'b', 2) == 'bba'",
          "'abc'.replace('', '-') == '-a-b-c-'",
          "'abc'.find('c') == 2",
          "'123'.isdigit()",
          "'ABC'.lower() == 'abc'",
          "int(' 12 ') == 12",
          "int('-0x1f', 16) == -31",
          "int('0x1f', 0) == 31",
          "int('1_000') == 1000",
          "int(True) == 1",
          "str((3, 11)) == '(3, 11)'",
          "str(None) == 'None'",
          "str((1,)) == '(1,)'",
          "str(['a']) == \"['a']\"",
          "len('abc') == 3",
          "len(sys.version_info) == 5",
          "bool('x')",
          "not bool([])",
          "'ab' 'cd' == 'abcd'",
          "len('\\x41') == 1 and '\\x41'.lower() == 'a'",
          "r'\\n' == '\\\\n'",
          "'\\u00e9'.upper() == '\u00c9'",
          "\"it's\" == 'it\\'s'",
          "0x10 == 16",
          "0o10 == 8",
          "0b10 == 2",
          "1_000 == 1000",
          "os.X_OK | os.R_OK == 5",
          "True | False",
          "(6 & 3) == 2",
          "(6 ^ 3) == 5",
          "1 << 4 == 16",
          "256 >> 4 == 16",
          "platform.python_version_tuple()[:2] == ('3', '11')",
          "platform.python_version_tuple() < ('3', '9')",
          "platform.python_version() == '3.11.2'",
          "platform.system() == 'Linux'",
          "platform.release().startswith('6.')",
          "re.match(r'(\\d+)\\.(\\d+)', platform.release()).group(2) == '1'",
          "re.search('86', platform.machine()) is not None",
          "re.match('arm', 'x86') is None",
        })
    void trueExpressions(String expression) {
      assertTrue(LINUX.evaluate(expression), expression);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "False",
          "0",
          "None",
          "''",
          "()",
          "[]",
          "{}",
          "0, 1",
          "(0, 1)[0]",
          "1 < 3 < 2",
          "not linux",
          "not not python2",
          "[x for x in []] or 0",
          "(1, 2) == (1, 'a')",
          "[1, 2] == (1, 2)",
          "None is not None",
          "3 in [1, 2]",
          "'12a'.isdigit()",
          "''.isdigit()",
          "0 if linux else 1",
        })
    void falseExpressions(String expression) {
      assertFalse(LINUX.evaluate(expression), expression);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "'a' < 1|TypeError: '<' not supported between instances of 'str' and 'int' at column 7",
          "(1, 2) < (1, 'a')|TypeError: '<' not supported between instances of 'int' and 'str'",
          "None < 1|TypeError: '<' not supported between instances of 'NoneType' and 'int'",
          "(1, 2) < [1, 2]|TypeError: '<' not supported between instances of 'tuple' and 'list'",
          "'a' + 1|TypeError: can only concatenate str (not \"int\") to str",
          "1 + 'a'|TypeError: unsupported operand type(s) for +: 'int' and 'str'",
          "1 in 'abc'|TypeError: 'in <string>' requires string as left operand, not int",
          "'a' in 5|TypeError: argument of type 'int' is not iterable",
          "len(5)|TypeError: object of type 'int' has no len()",
          "int('abc')|ValueError: invalid literal for int() with base 10: 'abc'",
          "int([])|TypeError: int() argument must be a string, a bytes-like object or a real number, not 'list'",
          "1 // 0|ZeroDivisionError: integer division or modulo by zero",
          "'abc'[5]|IndexError: string index out of range",
          "(1, 2)[5]|IndexError: tuple index out of range",
          "'abc'['a']|TypeError: string indices must be integers, not 'str'",
          "'abc'[::0]|ValueError: slice step cannot be zero",
          "{'a': 1}['b']|KeyError: 'b'",
          "[x for x in 5]|TypeError: 'int' object is not iterable",
          "'a'.split('')|ValueError: empty separator",
          "x for x in ()|IndexError: list index out of range",
          "()()|TypeError: 'tuple' object is not callable",
          "[a for a, b in [(1,)]]|ValueError: not enough values to unpack (expected 2, got 1)",
        })
    void pythonErrorsBecomeConditionExceptions(String expression, String message) {
      ConditionException e =
          assertThrows(ConditionException.class, () -> LINUX.evaluate(expression));
      assertTrue(e.getMessage().startsWith(message), e.getMessage());
      assertTrue(e.getMessage().endsWith(" in: " + expression), e.getMessage());
    }

    @Test
    void firstElementOfATopLevelTupleDecides() {
      assertFalse(LINUX.evaluate("0, 1"));
      assertTrue(LINUX.evaluate("1, 0"));
      assertTrue(LINUX.evaluate("1, 0,"));
      assertFalse(LINUX.evaluate("x for x in (0, 1)"));
    }

    @Test
    void allTopLevelElementsAreEvaluatedLikePython() {
      assertThrows(ConditionException.class, () -> LINUX.evaluate("1, no_such_name"));
    }
  }

  @Test
  void twoQuotedStringsFormAMarkerThatCannotBeEvaluated() {
    // packaging parses "'a' in 'abc'" as a marker and fails to find 'abc' in its environment.
    ConditionException e =
        assertThrows(ConditionException.class, () -> LINUX.evaluate("'a' in 'abc'"));
    assertEquals(
        "UndefinedEnvironmentName: 'abc' does not exist in evaluation environment (this PEP 508"
            + " marker compares two strings) at column 1 in: 'a' in 'abc'",
        e.getMessage());
  }

  @Nested
  class Escapes {
    @Test
    void hexEscapesOfHashAndSemicolonAreReplacedTextually() {
      assertTrue(LINUX.evaluate("'a\\x23b'.split('#') == ['a', 'b']"));
      assertTrue(LINUX.evaluate("'a\\x3bb'.split(';') == ['a', 'b']"));
      assertTrue(LINUX.evaluate("len('\\x23') == 1"));
    }

    @Test
    void anUnescapedHashOutsideAStringIsAComment() {
      ConditionException e =
          assertThrows(ConditionException.class, () -> LINUX.evaluate("linux \\x23 comment"));
      assertEquals(
          "comments are not allowed in a condition (write a literal # as \\x23 inside a string)"
              + " at column 7 in: linux # comment",
          e.getMessage());
    }
  }

  @Nested
  class FileSystemProbes {
    @TempDir Path dir;

    @Test
    void pathPredicates() throws IOException {
      Path file = Files.writeString(dir.resolve("f.txt"), "x");
      assertTrue(LINUX.evaluate("os.path.isdir('" + dir + "')"));
      assertFalse(LINUX.evaluate("os.path.isfile('" + dir + "')"));
      assertTrue(
          LINUX.evaluate("os.path.isfile('" + file + "') and os.path.exists('" + file + "')"));
      assertFalse(LINUX.evaluate("os.path.exists('" + dir.resolve("missing") + "')"));
      assertFalse(LINUX.evaluate("os.path.exists('')"));
      assertTrue(LINUX.evaluate("os.access('" + file + "', os.R_OK)"));
      assertFalse(LINUX.evaluate("os.access('" + dir.resolve("missing") + "', os.F_OK)"));
    }

    @Test
    void openReadsTextWithUniversalNewlines() throws IOException {
      Path file = Files.writeString(dir.resolve("f.txt"), "a\r\nb\rc\n");
      assertTrue(LINUX.evaluate("open('" + file + "').read() == 'a\\nb\\nc\\n'"));
      assertTrue(LINUX.evaluate("open('" + file + "', 'r').read().split() == ['a', 'b', 'c']"));
    }

    @Test
    void openRefusesWritingModesDirectoriesAndSpecialFiles() throws IOException {
      Path file = Files.writeString(dir.resolve("f.txt"), "x");
      ConditionException write =
          assertThrows(ConditionException.class, () -> LINUX.evaluate("open('" + file + "', 'w')"));
      assertTrue(
          write.getMessage().startsWith("open() mode 'w' is not allowed"), write.getMessage());
      ConditionException directory =
          assertThrows(ConditionException.class, () -> LINUX.evaluate("open('" + dir + "')"));
      assertTrue(directory.getMessage().startsWith("IsADirectoryError"), directory.getMessage());
      assertEquals("x", Files.readString(file));
    }

    @Test
    void osReleaseDefaultsAndQuoting(@TempDir Path other) throws IOException {
      ConditionEvaluator evaluator =
          withOsRelease(other, "ID=\"debian\"\nPRETTY_NAME='Debian \\\"12\\\"'\nBAD LINE\n");
      assertTrue(evaluator.evaluate("platform.freedesktop_os_release()['ID'] == 'debian'"));
      assertTrue(evaluator.evaluate("platform.freedesktop_os_release()['NAME'] == 'Linux'"));
      assertTrue(
          evaluator.evaluate(
              "platform.freedesktop_os_release()['PRETTY_NAME'] == 'Debian \"12\"'"));
      assertTrue(evaluator.evaluate("'BAD LINE' not in platform.freedesktop_os_release()"));
    }

    @Test
    void missingOsReleaseIsAnOsError() {
      ConditionEvaluator evaluator =
          new ConditionEvaluator(
              LINUX_X86_64, new HostFileSystem(List.of(dir.resolve("a"), dir.resolve("b"))));
      ConditionException e =
          assertThrows(
              ConditionException.class,
              () -> evaluator.evaluate("platform.freedesktop_os_release()['ID'] == 'debian'"));
      assertTrue(e.getMessage().startsWith("OSError: Unable to read files "), e.getMessage());
    }

    @Test
    void osReleaseDoesNotExistBeforePython310() {
      ConditionException e =
          assertThrows(
              ConditionException.class,
              () -> on(LINUX_X86_64.withPython(3, 9), "platform.freedesktop_os_release()"));
      assertTrue(
          e.getMessage().startsWith("AttributeError: module 'platform' has no attribute"),
          e.getMessage());
    }
  }

  @Test
  void evaluatorIsSafeForConcurrentUse() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int minor = i % 3;
        String expression =
            i % 2 == 0 ? "[int(q) for q in '6.1'.split('.')] >= [6, " + minor + "]" : "python311";
        boolean expected = i % 2 != 0 || minor <= 1;
        tasks.add(() -> LINUX.evaluate(expression) == expected);
      }
      for (Future<Boolean> result : pool.invokeAll(tasks)) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.buildout4j.profile.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential test: when a CPython 3 interpreter is installed, every expression below must give
 * the same answer (true, false or an error) as buildout's own evaluation under that interpreter, on
 * this machine: a PEP 508 marker first (when the interpreter has {@code packaging}), otherwise
 * {@code eval("[" + EXPR + "]", namespace)[0]} with buildout's namespace.
 */
@Timeout(120)
class MatchesCpythonTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  /** Mirrors zc.buildout's configparser condition handling and _default_globals. */
  private static final String SCRIPT =
      String.join(
          "\n",
          "import sys, os, platform, re, struct",
          "try:",
          "    from packaging.markers import Marker, InvalidMarker",
          "except ImportError:",
          "    try:",
          "        from pip._vendor.packaging.markers import Marker, InvalidMarker",
          "    except ImportError:",
          "        Marker = None",
          "v = platform.python_version_tuple()",
          "g = {'sys': sys, 'os': os, 'platform': platform, 're': re,",
          "     'python2': v[0] == '2', 'python3': v[0] == '3'}",
          "for m in ('24 25 26 27 30 31 32 33 34 35 36 37 38 39 310 311 312 313 314 315').split():",
          "    g['python' + m] = ''.join(v[:2]) == m",
          "s = sys.version.lower()",
          "g.update(pypy='pypy' in s, jython='java' in s, ironpython='iron' in s)",
          "g['cpython'] = not (g['pypy'] or g['jython'] or g['ironpython'])",
          "p = sys.platform.lower()",
          "g.update(linux='linux' in p, windows='win32' in p, cygwin='cygwin' in p,",
          "         solaris='sunos' in p, macosx='darwin' in p, posix='posix' in os.name.lower())",
          "bits = struct.calcsize('P') * 8",
          "g.update(bits32=bits == 32, bits64=bits == 64,",
          "         little_endian=sys.byteorder == 'little', big_endian=sys.byteorder == 'big')",
          "i = sys.version_info",
          "print(i[0], i[1], i[2], sys.implementation.name, sys.platform, os.name,",
          "      platform.system(), platform.machine(), platform.release(), bits, sys.byteorder,",
          "      sep='\\t')",
          "print(platform.version())",
          "print('markers' if Marker else 'no-markers')",
          "for line in sys.stdin.read().split('\\n'):",
          "    if not line:",
          "        continue",
          "    expr = line.replace(r'\\x23', '#').replace(r'\\x3b', ';')",
          "    try:",
          "        try:",
          "            if Marker is None:",
          "                raise NameError",
          "            result = Marker(expr).evaluate()",
          "        except (InvalidMarker, NameError):",
          "            result = eval('[' + expr + ']', dict(g))[0]",
          "        print('T' if result else 'F')",
          "    except Exception as e:",
          "        print('E ' + type(e).__name__)");

  private static final List<String> EXPRESSIONS =
      List.of(
          "python2",
          "python3",
          "python27",
          "pypy",
          "posix",
          "bits32",
          "linux and platform.machine() == \"x86_64\"",
          "linux and platform.machine() == 'i686'",
          "sys.version_info < (3,8)",
          "sys.version_info < (3, 10) or (platform.freedesktop_os_release()['ID'] == 'debian'"
              + " and int(platform.freedesktop_os_release()['VERSION_ID']) < 12)",
          "pypy or sys.version_info >= (3,13)",
          "platform.machine() == 'aarch64'",
          "not linux or platform.machine() != 'riscv64'",
          "not (linux and platform.machine() == \"x86_64\")",
          "os.path.isdir('/usr/lib/arm-linux-gnueabihf') and os.access('/proc/device-tree/model',"
              + " os.R_OK) and 'OLinuXino' in open('/proc/device-tree/model').read()",
          "[int(q) for q in platform.release().split(\".\")[:2]]<[4,14]",
          "python_version >= \"3.9\"",
          "sys_platform == \"linux\" and platform_machine == \"x86_64\"",
          "\"linux\" in sys_platform",
          "python36 or python37 or python38 or python39 or python310 or python311 or python312",
          "cpython and not jython and not ironpython",
          "windows or cygwin or solaris or macosx",
          "bits64 and little_endian and not big_endian",
          "0, 1",
          "1, 0",
          "linux,",
          "not not linux",
          "0 or []",
          "sys.version_info[:2] >= (3, 6)",
          "sys.version_info.major == 3",
          "sys.version_info[3] == 'final'",
          "sys.platform.startswith('linux')",
          "sys.byteorder == 'little'",
          "sys.maxsize > 2**32",
          "os.name == 'posix' and os.sep == '/'",
          "os.path.exists('/etc/os-release')",
          "os.path.isfile('/etc') or os.path.isdir('/etc')",
          "os.access('/etc/passwd', os.R_OK | os.F_OK)",
          "open('/etc/hostname').read().strip() != ''",
          "open('/nonexistent/file').read()",
          "platform.system() == 'Linux'",
          "platform.python_version_tuple() >= ('3', '6')",
          "platform.python_implementation() == 'CPython'",
          "len(platform.release().split('.')) >= 2",
          "int(platform.release().split('.')[0]) >= 3",
          "[int(q) for q in platform.release().split('.')[:2]] >= [3, 10]",
          "re.match(r'\\d+\\.\\d+', platform.release()) is not None",
          "'a' < 1",
          "(1, 2) < (1, 'a')",
          "1 // 0",
          "'abc'[5]",
          "{'a': 1}['b']",
          "int('x')",
          "no_such_name",
          "linux or no_such_name",
          "python2 and no_such_name",
          "'a\\x23b' == 'a#b'",
          "[x for x in 'abc' if x != 'b'] == ['a', 'c']",
          "'  a  b  c '.split(None, 1) == ['a', 'b  c ']",
          "'abcdef'[1:-1:2] == 'bd'",
          "-7 // 2 == -4 and -7 % 3 == 2",
          "True + True == 2 and 1 == True",
          "(1,) + (2,) == (1, 2) and [1] * 2 == [1, 1]",
          "python_version < \"3\" or os_name == \"posix\"",
          "platform_system == \"Linux\" and implementation_name == \"cpython\"",
          "python_full_version >= \"3.6.0\"");

  @Test
  void answersLikeCpythonOnThisMachine() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
    Process process =
        new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(String.join("\n", EXPRESSIONS).getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, output);
    List<String> lines = output.lines().toList();
    String[] platform = lines.get(0).split("\t");
    assumeTrue(platform[0].equals("3") && platform[3].equals("cpython"), lines.get(0));
    TargetEnvironment target =
        new TargetEnvironment(
            Integer.parseInt(platform[0]),
            Integer.parseInt(platform[1]),
            Integer.parseInt(platform[2]),
            platform[3],
            platform[4],
            platform[5],
            platform[6],
            platform[7],
            platform[8],
            lines.get(1),
            Integer.parseInt(platform[9]),
            platform[10].equals("little") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    boolean markers = lines.get(2).equals("markers");
    ConditionEvaluator evaluator = new ConditionEvaluator(target);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < EXPRESSIONS.size(); i++) {
      if (!markers && MarkerParser.parse(EXPRESSIONS.get(i)).isPresent()) {
        continue; // this interpreter cannot tell markers apart; buildout 4 requires packaging
      }
      String expected = lines.get(i + 3);
      String actual;
      try {
        actual = evaluator.evaluate(EXPRESSIONS.get(i)) ? "T" : "F";
      } catch (ConditionException e) {
        actual = "E " + e.getMessage();
      }
      if (expected.charAt(0) != actual.charAt(0)) {
        mismatches.add(EXPRESSIONS.get(i) + "\n  cpython: " + expected + "\n  java:    " + actual);
      }
    }
    assertEquals(List.of(), mismatches, String.join("\n", mismatches));
  }
}

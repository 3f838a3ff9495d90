package io.buildout4j.profile.condition;

import static io.buildout4j.profile.condition.TestTargets.LINUX_X86_64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetEnvironmentTest {

  @ParameterizedTest
  @CsvSource({
    "Linux, amd64, 64, linux, posix, Linux, x86_64, 64",
    "Linux, aarch64, 64, linux, posix, Linux, aarch64, 64",
    "Linux, x86, 32, linux, posix, Linux, i686, 32",
    "Linux, arm, 32, linux, posix, Linux, armv7l, 32",
    "Linux, riscv64, '', linux, posix, Linux, riscv64, 64",
    "Mac OS X, aarch64, 64, darwin, posix, Darwin, arm64, 64",
    "Mac OS X, x86_64, 64, darwin, posix, Darwin, x86_64, 64",
    "Windows 11, amd64, 64, win32, nt, Windows, AMD64, 64",
    "FreeBSD, amd64, 64, freebsd14, posix, FreeBSD, x86_64, 64",
    "SunOS, sparcv9, 64, sunos5, posix, SunOS, sparcv9, 64",
  })
  void mapsJvmPropertiesToWhatCpythonReports(
      String osName,
      String osArch,
      String dataModel,
      String sysPlatform,
      String pythonOsName,
      String system,
      String machine,
      int bits) {
    TargetEnvironment target =
        TargetEnvironment.forJvm(osName, osArch, "14.0", dataModel, "", ByteOrder.LITTLE_ENDIAN);
    assertEquals(sysPlatform, target.sysPlatform());
    assertEquals(pythonOsName, target.osName());
    assertEquals(system, target.platformSystem());
    assertEquals(machine, target.platformMachine());
    assertEquals(bits, target.pointerBits());
    assertEquals("14.0", target.platformRelease());
    assertEquals("3.11.2", target.pythonFullVersion());
    assertEquals("cpython", target.implementation());
  }

  @Test
  void currentDefaultsToCpython311() {
    TargetEnvironment current = TargetEnvironment.current();
    assertEquals("3.11", current.pythonVersion());
    assertEquals("CPython", current.platformPythonImplementation());
    assertEquals(ByteOrder.nativeOrder(), current.byteOrder());
  }

  @Test
  void withMethodsReturnModifiedCopies() {
    TargetEnvironment py39 = LINUX_X86_64.withPython(3, 9);
    assertEquals("3.9", py39.pythonVersion());
    assertEquals("3.9.0", py39.pythonFullVersion());
    assertEquals("3.11.2", LINUX_X86_64.pythonFullVersion());
    assertEquals("3.8.10", LINUX_X86_64.withPython(3, 8, 10).pythonFullVersion());
    assertEquals("aarch64", LINUX_X86_64.withMachine("aarch64").platformMachine());
    assertEquals("PyPy", LINUX_X86_64.withImplementation("PyPy").platformPythonImplementation());
    TargetEnvironment windows = LINUX_X86_64.withSysPlatform("win32");
    assertEquals("nt", windows.osName());
    assertEquals("Windows", windows.platformSystem());
    assertEquals("big", LINUX_X86_64.withByteOrder(ByteOrder.BIG_ENDIAN).byteOrderName());
    assertEquals(32, LINUX_X86_64.withPointerBits(32).pointerBits());
    assertEquals("4.9.0", LINUX_X86_64.withRelease("4.9.0").platformRelease());
  }

  @Test
  void rejectsImpossibleValues() {
    assertThrows(IllegalArgumentException.class, () -> LINUX_X86_64.withPointerBits(16));
    assertThrows(IllegalArgumentException.class, () -> LINUX_X86_64.withPython(-1, 0));
  }
}

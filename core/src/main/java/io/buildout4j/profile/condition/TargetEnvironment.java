package io.buildout4j.profile.condition;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The interpreter and platform that section conditions are evaluated against.
 *
 * <p>zc.buildout evaluates conditions inside the Python process that runs it; buildout4j has no
 * such process, so it evaluates them as if under the interpreter described here. The profile loader
 * builds one (usually {@link #current()}) and hands it to {@link ConditionEvaluator}; tests and
 * users derive variants with the {@code with...} methods to ask "how would this profile resolve on
 * Python 3.9" or "on aarch64".
 *
 * @param pythonMajor major version of the target Python, e.g. 3
 * @param pythonMinor minor version, e.g. 11
 * @param pythonMicro micro (patch) version, e.g. 2
 * @param implementation Python implementation in {@code sys.implementation.name} spelling: {@code
 *     cpython}, {@code pypy}, {@code jython} or {@code ironpython}
 * @param sysPlatform {@code sys.platform}: {@code linux}, {@code darwin}, {@code win32}, ...
 * @param osName {@code os.name}: {@code posix} or {@code nt}
 * @param platformSystem {@code platform.system()}: {@code Linux}, {@code Darwin}, {@code Windows}
 * @param platformMachine {@code platform.machine()}: {@code x86_64}, {@code aarch64}, ...
 * @param platformRelease {@code platform.release()}, e.g. {@code 6.1.0-18-amd64}
 * @param platformVersion {@code platform.version()}, e.g. {@code #1 SMP Debian 6.1.76-1}
 * @param pointerBits size of a pointer in bits, 32 or 64 ({@code bits32} / {@code bits64})
 * @param byteOrder native byte order ({@code sys.byteorder}, {@code little_endian})
 */
public record TargetEnvironment(
    int pythonMajor,
    int pythonMinor,
    int pythonMicro,
    String implementation,
    String sysPlatform,
    String osName,
    String platformSystem,
    String platformMachine,
    String platformRelease,
    String platformVersion,
    int pointerBits,
    ByteOrder byteOrder) {

  /** The Python version profiles resolve under unless told otherwise: CPython 3.11. */
  public static final int DEFAULT_PYTHON_MAJOR = 3;

  /** See {@link #DEFAULT_PYTHON_MAJOR}. */
  public static final int DEFAULT_PYTHON_MINOR = 11;

  /** See {@link #DEFAULT_PYTHON_MAJOR}. */
  public static final int DEFAULT_PYTHON_MICRO = 2;

  /** Validates the components. */
  public TargetEnvironment {
    if (pythonMajor < 0 || pythonMinor < 0 || pythonMicro < 0) {
      throw new IllegalArgumentException(
          "negative Python version " + pythonMajor + "." + pythonMinor + "." + pythonMicro);
    }
    Objects.requireNonNull(implementation, "implementation");
    Objects.requireNonNull(sysPlatform, "sysPlatform");
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(platformSystem, "platformSystem");
    Objects.requireNonNull(platformMachine, "platformMachine");
    Objects.requireNonNull(platformRelease, "platformRelease");
    Objects.requireNonNull(platformVersion, "platformVersion");
    Objects.requireNonNull(byteOrder, "byteOrder");
    if (pointerBits != 32 && pointerBits != 64) {
      throw new IllegalArgumentException("pointer bits must be 32 or 64, not " + pointerBits);
    }
  }

  /**
   * The default target for this JVM: CPython 3.11.2 on the operating system and architecture the
   * JVM runs on ({@code os.name}, {@code os.arch}, {@code os.version}, {@code
   * sun.arch.data.model}), with the native byte order.
   */
  public static TargetEnvironment current() {
    String osName = System.getProperty("os.name", "");
    return forJvm(
        osName,
        System.getProperty("os.arch", ""),
        System.getProperty("os.version", ""),
        System.getProperty("sun.arch.data.model", ""),
        kernelVersion(osName),
        ByteOrder.nativeOrder());
  }

  /** Maps JVM system properties to the values CPython 3.11 would report on the same machine. */
  static TargetEnvironment forJvm(
      String jvmOsName,
      String jvmOsArch,
      String jvmOsVersion,
      String dataModel,
      String kernelVersion,
      ByteOrder byteOrder) {
    String os = jvmOsName.toLowerCase(Locale.ROOT);
    String arch = jvmOsArch.toLowerCase(Locale.ROOT);
    String sysPlatform;
    String system;
    if (os.startsWith("windows")) {
      sysPlatform = "win32";
      system = "Windows";
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      sysPlatform = "darwin";
      system = "Darwin";
    } else if (os.startsWith("linux")) {
      sysPlatform = "linux";
      system = "Linux";
    } else if (os.startsWith("sunos") || os.startsWith("solaris")) {
      sysPlatform = "sunos5";
      system = "SunOS";
    } else if (os.startsWith("aix")) {
      sysPlatform = "aix";
      system = "AIX";
    } else if (os.startsWith("freebsd")) {
      sysPlatform = "freebsd" + majorVersion(jvmOsVersion);
      system = "FreeBSD";
    } else {
      sysPlatform = os.replaceAll("[^a-z0-9]", "");
      system = jvmOsName;
    }
    int bits;
    if (dataModel.equals("32") || dataModel.equals("64")) {
      bits = Integer.parseInt(dataModel);
    } else {
      bits = arch.contains("64") || arch.equals("s390x") ? 64 : 32;
    }
    return new TargetEnvironment(
        DEFAULT_PYTHON_MAJOR,
        DEFAULT_PYTHON_MINOR,
        DEFAULT_PYTHON_MICRO,
        "cpython",
        sysPlatform,
        sysPlatform.equals("win32") ? "nt" : "posix",
        system,
        machine(sysPlatform, arch),
        jvmOsVersion,
        kernelVersion,
        bits,
        byteOrder);
  }

  /** {@code platform.machine()} as CPython reports it for a JVM {@code os.arch} value. */
  private static String machine(String sysPlatform, String arch) {
    boolean windows = sysPlatform.equals("win32");
    boolean mac = sysPlatform.equals("darwin");
    switch (arch) {
      case "amd64", "x86_64", "x64":
        return windows ? "AMD64" : "x86_64";
      case "aarch64", "arm64":
        return windows ? "ARM64" : mac ? "arm64" : "aarch64";
      case "x86", "i386", "i486", "i586", "i686":
        return windows ? "x86" : mac ? "i386" : "i686";
      case "arm", "arm32", "armv7l":
        return "armv7l";
      default:
        return arch;
    }
  }

  private static String majorVersion(String version) {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return version.substring(0, end);
  }

  /** {@code platform.version()}: the kernel build string, which the JVM does not expose. */
  private static String kernelVersion(String jvmOsName) {
    if (!jvmOsName.toLowerCase(Locale.ROOT).startsWith("linux")) {
      return "";
    }
    try {
      return Files.readString(Path.of("/proc/sys/kernel/version"), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** A copy targeting Python {@code major.minor.0}. */
  public TargetEnvironment withPython(int major, int minor) {
    return withPython(major, minor, 0);
  }

  /** A copy targeting Python {@code major.minor.micro}. */
  public TargetEnvironment withPython(int major, int minor, int micro) {
    return new TargetEnvironment(
        major,
        minor,
        micro,
        implementation,
        sysPlatform,
        osName,
        platformSystem,
        platformMachine,
        platformRelease,
        platformVersion,
        pointerBits,
        byteOrder);
  }

  /** A copy with another implementation: {@code cpython}, {@code pypy}, {@code jython}, ... */
  public TargetEnvironment withImplementation(String implementation) {
    return new TargetEnvironment(
        pythonMajor,
        pythonMinor,
        pythonMicro,
        implementation.toLowerCase(Locale.ROOT),
        sysPlatform,
        osName,
        platformSystem,
        platformMachine,
        platformRelease,
        platformVersion,
        pointerBits,
        byteOrder);
  }

  /**
   * A copy on another operating system, given as {@code sys.platform} ({@code linux}, {@code
   * darwin}, {@code win32}, ...); {@code os.name} and {@code platform.system()} follow.
   */
  public TargetEnvironment withSysPlatform(String sysPlatform) {
    String system =
        switch (sysPlatform) {
          case "linux" -> "Linux";
          case "darwin" -> "Darwin";
          case "win32" -> "Windows";
          case "cygwin" -> "CYGWIN_NT";
          default -> sysPlatform.startsWith("sunos") ? "SunOS" : sysPlatform;
        };
    return new TargetEnvironment(
        pythonMajor,
        pythonMinor,
        pythonMicro,
        implementation,
        sysPlatform,
        sysPlatform.equals("win32") ? "nt" : "posix",
        system,
        platformMachine,
        platformRelease,
        platformVersion,
        pointerBits,
        byteOrder);
  }

  /** A copy reporting another {@code platform.machine()}, e.g. {@code aarch64}. */
  public TargetEnvironment withMachine(String machine) {
    return new TargetEnvironment(
        pythonMajor,
        pythonMinor,
        pythonMicro,
        implementation,
        sysPlatform,
        osName,
        platformSystem,
        machine,
        platformRelease,
        platformVersion,
        pointerBits,
        byteOrder);
  }

  /** A copy reporting another {@code platform.release()}, e.g. {@code 4.9.0-19-amd64}. */
  public TargetEnvironment withRelease(String release) {
    return new TargetEnvironment(
        pythonMajor,
        pythonMinor,
        pythonMicro,
        implementation,
        sysPlatform,
        osName,
        platformSystem,
        platformMachine,
        release,
        platformVersion,
        pointerBits,
        byteOrder);
  }

  /** A copy with another pointer size (32 or 64 bits). */
  public TargetEnvironment withPointerBits(int bits) {
    return new TargetEnvironment(
        pythonMajor,
        pythonMinor,
        pythonMicro,
        implementation,
        sysPlatform,
        osName,
        platformSystem,
        platformMachine,
        platformRelease,
        platformVersion,
        bits,
        byteOrder);
  }

  /** A copy with another native byte order. */
  public TargetEnvironment withByteOrder(ByteOrder order) {
    return new TargetEnvironment(
        pythonMajor,
        pythonMinor,
        pythonMicro,
        implementation,
        sysPlatform,
        osName,
        platformSystem,
        platformMachine,
        platformRelease,
        platformVersion,
        pointerBits,
        order);
  }

  /** {@code major.minor}, the PEP 508 {@code python_version}. */
  public String pythonVersion() {
    return pythonMajor + "." + pythonMinor;
  }

  /** {@code major.minor.micro}, the PEP 508 {@code python_full_version}. */
  public String pythonFullVersion() {
    return pythonMajor + "." + pythonMinor + "." + pythonMicro;
  }

  /** {@code platform.python_implementation()}: {@code CPython}, {@code PyPy}, ... */
  public String platformPythonImplementation() {
    return switch (implementation) {
      case "cpython" -> "CPython";
      case "pypy" -> "PyPy";
      case "jython" -> "Jython";
      case "ironpython" -> "IronPython";
      default -> implementation;
    };
  }

  /** {@code sys.byteorder}: {@code little} or {@code big}. */
  public String byteOrderName() {
    return byteOrder.equals(ByteOrder.LITTLE_ENDIAN) ? "little" : "big";
  }
}

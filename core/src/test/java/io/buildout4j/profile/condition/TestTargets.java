package io.buildout4j.profile.condition;

import java.nio.ByteOrder;

/** Fixed target environments, so tests do not depend on the machine running them. */
final class TestTargets {
  private TestTargets() {}

  /** CPython 3.11.2 on Debian-like Linux x86_64. */
  static final TargetEnvironment LINUX_X86_64 =
      new TargetEnvironment(
          3,
          11,
          2,
          "cpython",
          "linux",
          "posix",
          "Linux",
          "x86_64",
          "6.1.0-18-amd64",
          "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)",
          64,
          ByteOrder.LITTLE_ENDIAN);

  /** CPython 3.11.2 on macOS arm64. */
  static final TargetEnvironment MACOS_ARM64 =
      new TargetEnvironment(
          3,
          11,
          2,
          "cpython",
          "darwin",
          "posix",
          "Darwin",
          "arm64",
          "23.4.0",
          "Darwin Kernel Version 23.4.0",
          64,
          ByteOrder.LITTLE_ENDIAN);

  /** CPython 3.11.2 on 64-bit Windows. */
  static final TargetEnvironment WINDOWS_AMD64 =
      new TargetEnvironment(
          3,
          11,
          2,
          "cpython",
          "win32",
          "nt",
          "Windows",
          "AMD64",
          "10",
          "10.0.19045",
          64,
          ByteOrder.LITTLE_ENDIAN);
}

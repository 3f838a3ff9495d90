package io.buildout4j.profile.condition;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The allow-listed part of Python's {@code sys} module for a target: {@code platform}, {@code
 * version_info}, {@code byteorder} and {@code maxsize}.
 */
final class SysModule {
  private SysModule() {}

  static PyValue.Module create(TargetEnvironment target) {
    PyValue platform = new PyValue.Str(target.sysPlatform());
    PyValue versionInfo = versionInfo(target);
    PyValue byteOrder = new PyValue.Str(target.byteOrderName());
    PyValue maxSize =
        new PyValue.Int(
            BigInteger.ONE.shiftLeft(target.pointerBits() - 1).subtract(BigInteger.ONE));
    return new PyValue.Module(
        "sys",
        Map.of(
            "platform", () -> platform,
            "version_info", () -> versionInfo,
            "byteorder", () -> byteOrder,
            "maxsize", () -> maxSize));
  }

  /** {@code sys.version_info}: {@code (major, minor, micro, 'final', 0)} with named fields. */
  static PyValue.StructSeq versionInfo(TargetEnvironment target) {
    return new PyValue.StructSeq(
        "sys.version_info",
        List.of("major", "minor", "micro", "releaselevel", "serial"),
        List.of(
            PyValue.Int.of(target.pythonMajor()),
            PyValue.Int.of(target.pythonMinor()),
            PyValue.Int.of(target.pythonMicro()),
            new PyValue.Str("final"),
            PyValue.Int.of(0)));
  }
}

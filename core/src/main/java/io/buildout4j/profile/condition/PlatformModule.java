package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The allow-listed part of Python's {@code platform} module: {@code machine()}, {@code system()},
 * {@code release()}, {@code version()}, {@code python_version()}, {@code python_version_tuple()},
 * {@code python_implementation()} and {@code freedesktop_os_release()}.
 */
final class PlatformModule {
  private PlatformModule() {}

  static PyValue.Module create(TargetEnvironment target, HostFileSystem files) {
    List<PyValue> versionTuple =
        List.of(
            new PyValue.Str(Integer.toString(target.pythonMajor())),
            new PyValue.Str(Integer.toString(target.pythonMinor())),
            new PyValue.Str(Integer.toString(target.pythonMicro())));
    return new PyValue.Module(
        "platform",
        Map.of(
            "machine", constant("machine", new PyValue.Str(target.platformMachine())),
            "system", constant("system", new PyValue.Str(target.platformSystem())),
            "release", constant("release", new PyValue.Str(target.platformRelease())),
            "version", constant("version", new PyValue.Str(target.platformVersion())),
            "python_version",
                constant("python_version", new PyValue.Str(target.pythonFullVersion())),
            "python_version_tuple",
                constant("python_version_tuple", new PyValue.Tuple(versionTuple)),
            "python_implementation",
                constant(
                    "python_implementation",
                    new PyValue.Str(target.platformPythonImplementation())),
            "freedesktop_os_release",
                sinceVersion(
                    target, 3, 10, function("freedesktop_os_release", () -> osRelease(files)))));
  }

  /**
   * An attribute that only exists from Python {@code major.minor} on; on older targets accessing it
   * raises {@code AttributeError} (so that {@code sys.version_info < (3, 10) or ...} guards work as
   * under that Python).
   */
  private static Supplier<PyValue> sinceVersion(
      TargetEnvironment target, int major, int minor, Supplier<PyValue> attribute) {
    boolean present =
        target.pythonMajor() > major
            || (target.pythonMajor() == major && target.pythonMinor() >= minor);
    if (present) {
      return attribute;
    }
    return () -> {
      PyValue.Function f = (PyValue.Function) attribute.get();
      throw ExpressionError.python(
          "AttributeError",
          "module 'platform' has no attribute '"
              + f.name().substring("platform.".length())
              + "' before Python "
              + major
              + "."
              + minor);
    };
  }

  private static Supplier<PyValue> constant(String name, PyValue result) {
    return function(name, () -> result);
  }

  private static Supplier<PyValue> function(String name, Supplier<PyValue> body) {
    PyValue.Function f =
        new PyValue.Function(
            "platform." + name,
            values -> {
              Arguments.of(name, values, 0, 0);
              return body.get();
            });
    return () -> f;
  }

  private static PyValue osRelease(HostFileSystem files) {
    List<PyValue.Dict.Entry> entries = new ArrayList<>();
    files
        .osRelease()
        .forEach(
            (k, v) -> entries.add(new PyValue.Dict.Entry(new PyValue.Str(k), new PyValue.Str(v))));
    return new PyValue.Dict(entries);
  }
}

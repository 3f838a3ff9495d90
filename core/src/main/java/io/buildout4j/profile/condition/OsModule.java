package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The allow-listed part of Python's {@code os} module: {@code name}, {@code sep}, the {@code
 * access} mode constants, {@code access()}, {@code environ} (read-only, for {@code get} and {@code
 * []}) and {@code os.path.isdir/isfile/exists}. The probes read the real file system through {@link
 * HostFileSystem}.
 */
final class OsModule {
  private OsModule() {}

  static PyValue.Module create(TargetEnvironment target, HostFileSystem files) {
    boolean nt = target.osName().equals("nt");
    PyValue name = new PyValue.Str(target.osName());
    PyValue sep = new PyValue.Str(nt ? "\\" : "/");
    PyValue.Module path = path(files, sep);
    PyValue access =
        new PyValue.Function(
            "os.access",
            values -> {
              Arguments args = Arguments.of("access", values, 2, 2);
              long mode = args.integer(1, "mode");
              return PyValue.Bool.of(files.access(args.string(0, "path"), (int) (mode & 7)));
            });
    return new PyValue.Module(
        "os",
        Map.of(
            "name", () -> name,
            "sep", () -> sep,
            "F_OK", () -> PyValue.Int.of(0),
            "X_OK", () -> PyValue.Int.of(1),
            "W_OK", () -> PyValue.Int.of(2),
            "R_OK", () -> PyValue.Int.of(4),
            "access", () -> access,
            "path", () -> path,
            "environ", OsModule::environ));
  }

  private static PyValue.Module path(HostFileSystem files, PyValue sep) {
    PyValue isdir =
        new PyValue.Function(
            "os.path.isdir", values -> PyValue.Bool.of(files.isDirectory(path("isdir", values))));
    PyValue isfile =
        new PyValue.Function(
            "os.path.isfile", values -> PyValue.Bool.of(files.isFile(path("isfile", values))));
    PyValue exists =
        new PyValue.Function(
            "os.path.exists", values -> PyValue.Bool.of(files.exists(path("exists", values))));
    return new PyValue.Module(
        "os.path",
        Map.of(
            "isdir",
            () -> isdir,
            "isfile",
            () -> isfile,
            "exists",
            () -> exists,
            "sep",
            () -> sep));
  }

  private static String path(String function, List<PyValue> values) {
    return Arguments.of(function, values, 1, 1).string(0, "path");
  }

  /** A snapshot of the process environment as a dict, sorted by name. */
  private static PyValue environ() {
    List<PyValue.Dict.Entry> entries = new ArrayList<>();
    new TreeMap<>(System.getenv())
        .forEach(
            (k, v) -> entries.add(new PyValue.Dict.Entry(new PyValue.Str(k), new PyValue.Str(v))));
    return new PyValue.Dict(entries);
  }
}

package io.buildout4j.profile.condition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The global names a Python condition can use, mirroring zc.buildout's {@code _default_globals} for
 * a {@link TargetEnvironment}: the modules {@code sys}, {@code os}, {@code platform} and {@code
 * re}; the flags {@code python2}, {@code python3}, {@code python24} ... {@code python315}, {@code
 * cpython}, {@code pypy}, {@code jython}, {@code ironpython}, {@code linux}, {@code windows},
 * {@code cygwin}, {@code solaris}, {@code macosx}, {@code posix}, {@code bits32}, {@code bits64},
 * {@code little_endian}, {@code big_endian}; and the builtins of {@link Builtins} plus {@code
 * True}, {@code False} and {@code None}. Immutable.
 */
final class Namespace {
  /** The minor-version flags zc.buildout 4.1.12 defines, as {@code "python" + suffix}. */
  static final List<String> VERSION_FLAGS =
      List.of(
          "24", "25", "26", "27", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "310",
          "311", "312", "313", "314", "315");

  private final Map<String, PyValue> globals;

  Namespace(TargetEnvironment target, HostFileSystem files) {
    Map<String, PyValue> g = new LinkedHashMap<>();
    g.put("sys", SysModule.create(target));
    g.put("os", OsModule.create(target, files));
    g.put("platform", PlatformModule.create(target, files));
    g.put("re", ReModule.create());
    flag(g, "python2", target.pythonMajor() == 2);
    flag(g, "python3", target.pythonMajor() == 3);
    String majorMinor = "" + target.pythonMajor() + target.pythonMinor();
    for (String suffix : VERSION_FLAGS) {
      flag(g, "python" + suffix, majorMinor.equals(suffix));
    }
    String implementation = target.implementation();
    boolean pypy = implementation.equals("pypy");
    boolean jython = implementation.equals("jython");
    boolean ironpython = implementation.equals("ironpython");
    flag(g, "cpython", !(pypy || jython || ironpython));
    flag(g, "pypy", pypy);
    flag(g, "jython", jython);
    flag(g, "ironpython", ironpython);
    String platform = target.sysPlatform().toLowerCase(Locale.ROOT);
    flag(g, "linux", platform.contains("linux"));
    flag(g, "windows", platform.contains("win32"));
    flag(g, "cygwin", platform.contains("cygwin"));
    flag(g, "solaris", platform.contains("sunos"));
    flag(g, "macosx", platform.contains("darwin"));
    flag(g, "posix", target.osName().toLowerCase(Locale.ROOT).contains("posix"));
    flag(g, "bits32", target.pointerBits() == 32);
    flag(g, "bits64", target.pointerBits() == 64);
    flag(g, "little_endian", target.byteOrderName().equals("little"));
    flag(g, "big_endian", target.byteOrderName().equals("big"));
    g.putAll(Builtins.create(files));
    g.put("True", PyValue.Bool.TRUE);
    g.put("False", PyValue.Bool.FALSE);
    g.put("None", PyValue.NoneValue.NONE);
    this.globals = Map.copyOf(g);
  }

  private static void flag(Map<String, PyValue> g, String name, boolean value) {
    g.put(name, PyValue.Bool.of(value));
  }

  /** The value of a global name, or null if there is no such global. */
  @Nullable PyValue lookup(String name) {
    return globals.get(name);
  }
}

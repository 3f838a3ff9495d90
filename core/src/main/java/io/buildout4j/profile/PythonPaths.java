package io.buildout4j.profile;

/** Python's {@code os.path.join} for two POSIX paths, as buildout joins directories. */
final class PythonPaths {
  private PythonPaths() {}

  static String join(String first, String second) {
    if (second.startsWith("/")) {
      return second;
    }
    if (first.isEmpty() || first.endsWith("/")) {
      return first + second;
    }
    return first + "/" + second;
  }
}

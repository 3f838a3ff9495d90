package io.buildout4j.profile;

import java.util.Comparator;

/**
 * Python's ordering of {@code str}: by code point. Java's {@link String#compareTo} compares UTF-16
 * units, which orders characters above U+FFFF before U+E000..U+FFFF; buildout sorts option names
 * wherever order is observable, so we sort as it does.
 */
enum PythonOrder implements Comparator<String> {
  INSTANCE;

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}

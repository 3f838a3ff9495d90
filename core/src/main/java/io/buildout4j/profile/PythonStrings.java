package io.buildout4j.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * The few Python string operations whose exact behaviour buildout's semantics depend on: what
 * counts as white space ({@code str.isspace}), stripping, splitting, {@code repr} and {@code
 * textwrap.dedent}. Java's own {@code String.strip}/{@code split} differ in details that change
 * resolved values, so the parser and resolver use these instead.
 */
final class PythonStrings {
  private PythonStrings() {}

  /** Python's {@code str.isspace()} for one character. */
  static boolean isSpace(char c) {
    switch (c) {
      case ' ',
          '\t',
          '\n',
          '\u000b',
          '\f',
          '\r',
          '\u001c',
          '\u001d',
          '\u001e',
          '\u001f',
          '\u0085',
          '\u00a0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202f',
          '\u205f',
          '\u3000' -> {
        return true;
      }
      default -> {
        return c >= '\u2000' && c <= '\u200a';
      }
    }
  }

  /** {@code s.strip()}. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** {@code s.rstrip()}. */
  static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** True if {@code s} is empty or only white space ({@code not s.strip()}). */
  static boolean isBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code s.split(sep)} for a literal separator: keeps empty pieces, never fewer than one. */
  static List<String> split(String s, String sep) {
    List<String> pieces = new ArrayList<>();
    int from = 0;
    int at;
    while ((at = s.indexOf(sep, from)) >= 0) {
      pieces.add(s.substring(from, at));
      from = at + sep.length();
    }
    pieces.add(s.substring(from));
    return pieces;
  }

  /** {@code s.split('\n')}. */
  static List<String> splitLines(String s) {
    return split(s, "\n");
  }

  /** {@code s.split()}: the runs of non-white-space characters. */
  static List<String> splitWhitespace(String s) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(s.substring(start, i));
      }
    }
    return words;
  }

  /** Python's {@code repr()} of a string, as buildout's messages show names and lines. */
  static String repr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append(quote).toString();
  }

  /**
   * {@code textwrap.dedent}: lines of only spaces and tabs become empty, then the longest run of
   * spaces and tabs that starts every other line is removed from each.
   */
  static String dedent(String text) {
    List<String> lines = splitLines(text);
    String margin = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int indent = 0;
      while (indent < line.length()
          && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
        indent++;
      }
      if (indent == line.length()) {
        lines.set(i, "");
        continue;
      }
      String prefix = line.substring(0, indent);
      if (margin == null) {
        margin = prefix;
      } else if (prefix.startsWith(margin)) {
        // margin stays
      } else if (margin.startsWith(prefix)) {
        margin = prefix;
      } else {
        int common = 0;
        while (common < margin.length()
            && common < prefix.length()
            && margin.charAt(common) == prefix.charAt(common)) {
          common++;
        }
        margin = margin.substring(0, common);
      }
    }
    if (margin == null || margin.isEmpty()) {
      return String.join("\n", lines);
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        out.append('\n');
      }
      String line = lines.get(i);
      out.append(line.startsWith(margin) ? line.substring(margin.length()) : line);
    }
    return out.toString();
  }

  /**
   * Removes leading lines that hold only white space (the regular expression {@code ^(\s*\n)+}):
   * the longest prefix that is all white space and ends with a newline.
   */
  static String dropLeadingBlankLines(String s) {
    int cut = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isSpace(c)) {
        break;
      }
      if (c == '\n') {
        cut = i + 1;
      }
    }
    return s.substring(cut);
  }
}

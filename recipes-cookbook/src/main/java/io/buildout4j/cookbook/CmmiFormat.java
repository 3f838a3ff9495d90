package io.buildout4j.cookbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The part of Python's {@code text % mapping} that slapos.recipe.cmmi relies on: {@code %(name)s}
 * is replaced by the mapping's value and {@code %%} by {@code %}. Used for the commands (against
 * the part's options) and for the values of {@code environment} (against the process's
 * environment). Other {@code %} sequences are kept as written (Python would refuse them).
 */
final class CmmiFormat {
  private CmmiFormat() {}

  /** A {@code %(name)s} whose name the mapping does not have. */
  static final class MissingKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    MissingKeyException(String key) {
      super("no value for %(" + key + ")s");
      this.key = key;
    }

    String key() {
      return key;
    }
  }

  /**
   * Formats {@code text} with {@code values}.
   *
   * @throws MissingKeyException naming the first key {@code values} has no value for
   */
  static String format(String text, Function<String, @Nullable String> values) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '%' || i + 1 >= text.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = text.charAt(i + 1);
      if (next == '%') {
        out.append('%');
        i += 2;
        continue;
      }
      if (next == '(') {
        int close = text.indexOf(')', i + 2);
        if (close > 0 && close + 1 < text.length() && text.charAt(close + 1) == 's') {
          String key = text.substring(i + 2, close);
          String value = values.apply(key);
          if (value == null) {
            throw new MissingKeyException(key);
          }
          out.append(value);
          i = close + 2;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** {@link #format(String, Function)} against a map. */
  static String format(String text, Map<String, String> values) {
    return format(text, values::get);
  }

  /** Python's {@code str.split()}: the words of {@code text}, split on any whitespace. */
  static List<String> words(@Nullable String text) {
    List<String> words = new ArrayList<>();
    if (text == null) {
      return words;
    }
    for (String word : text.strip().split("\\s+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  /** The words of {@code text} joined by single spaces: {@code ' '.join(text.split())}. */
  static String joinedWords(@Nullable String text) {
    return String.join(" ", words(text));
  }

  /** {@code value} quoted for a POSIX shell (Python's {@code shlex.quote}). */
  static String shellQuote(String value) {
    if (value.isEmpty()) {
      return "''";
    }
    if (value.matches("[\\w@%+=:,./-]+")) {
      return value;
    }
    return "'" + value.replace("'", "'\"'\"'") + "'";
  }
}

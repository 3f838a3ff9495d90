package io.buildout4j.cookbook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Shell words as SlapOS's wrapper recipe reads and writes them: Python's {@code shlex.split} (POSIX
 * mode, no comments) to cut {@code command-line} into arguments, and SlapOS's {@code shlex.quote}
 * to write each back safely.
 */
final class WrapperShell {
  /** Characters that need no quoting: Python's {@code [\w@%+=:,./-]} with ASCII {@code \w}. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private WrapperShell() {}

  /** Thrown for an unclosed quote or a final backslash. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  /** {@code text} as a POSIX shell would cut it into words (no expansions, no comments). */
  static List<String> split(String text) throws SyntaxException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        if (end < 0) {
          throw new SyntaxException("No closing quotation");
        }
        word.append(text, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        inWord = true;
        i++;
        while (true) {
          if (i >= text.length()) {
            throw new SyntaxException("No closing quotation");
          }
          char d = text.charAt(i);
          if (d == '"') {
            i++;
            break;
          }
          if (d == '\\' && i + 1 < text.length()) {
            char next = text.charAt(i + 1);
            if (next == '"' || next == '\\') {
              word.append(next);
              i += 2;
              continue;
            }
          }
          word.append(d);
          i++;
        }
      } else if (c == '\\') {
        if (i + 1 >= text.length()) {
          throw new SyntaxException("No escaped character");
        }
        word.append(text.charAt(i + 1));
        inWord = true;
        i += 2;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** {@code word} quoted for a POSIX shell, left as is when it needs no quoting. */
  static String quote(String word) {
    if (word.isEmpty()) {
      return "''";
    }
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}

package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The allow-listed part of Python's {@code re} module: {@code match}, {@code search} and {@code
 * fullmatch} with the {@code I}, {@code M} and {@code S} flags. Patterns run on {@link
 * java.util.regex} after translating Python-only syntax ({@code (?P<name>...)}, {@code (?P=name)},
 * {@code \Z}); matching is bounded so that a pathological pattern fails instead of hanging.
 */
final class ReModule {
  /** Most characters the regex engine may inspect per call. */
  static final long MAX_CHARACTER_READS = 10_000_000;

  private static final int IGNORECASE = 2;
  private static final int MULTILINE = 8;
  private static final int DOTALL = 16;

  private ReModule() {}

  static PyValue.Module create() {
    PyValue match = function("match", Matcher::lookingAt);
    PyValue search = function("search", Matcher::find);
    PyValue fullmatch = function("fullmatch", Matcher::matches);
    PyValue i = PyValue.Int.of(IGNORECASE);
    PyValue m = PyValue.Int.of(MULTILINE);
    PyValue s = PyValue.Int.of(DOTALL);
    return new PyValue.Module(
        "re",
        Map.of(
            "match", () -> match,
            "search", () -> search,
            "fullmatch", () -> fullmatch,
            "I", () -> i,
            "IGNORECASE", () -> i,
            "M", () -> m,
            "MULTILINE", () -> m,
            "S", () -> s,
            "DOTALL", () -> s));
  }

  private interface Mode {
    boolean run(Matcher matcher);
  }

  private static PyValue function(String name, Mode mode) {
    return new PyValue.Function(
        "re." + name,
        values -> {
          Arguments args = Arguments.of(name, values, 2, 3);
          long flags = args.size() > 2 ? args.integer(2, "flags") : 0;
          Pattern pattern = compile(args.string(0, "pattern"), flags);
          Matcher matcher = pattern.matcher(new BoundedCharSequence(args.string(1, "string")));
          try {
            if (!mode.run(matcher)) {
              return PyValue.NoneValue.NONE;
            }
          } catch (StackOverflowError e) {
            throw ExpressionError.python("RecursionError", "regular expression is too complex");
          }
          List<String> groups = new ArrayList<>();
          for (int g = 0; g <= matcher.groupCount(); g++) {
            groups.add(matcher.group(g));
          }
          return new PyValue.Match(Collections.unmodifiableList(groups));
        });
  }

  private static Pattern compile(String python, long flags) {
    String java =
        python
            .replace("(?P<", "(?<")
            .replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>")
            .replace("\\Z", "\\z");
    int javaFlags = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
    if ((flags & IGNORECASE) != 0) {
      javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    }
    if ((flags & MULTILINE) != 0) {
      javaFlags |= Pattern.MULTILINE;
    }
    if ((flags & DOTALL) != 0) {
      javaFlags |= Pattern.DOTALL;
    }
    try {
      return Pattern.compile(java, javaFlags);
    } catch (IllegalArgumentException e) {
      String reason = e instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage();
      throw ExpressionError.python("re.error", reason + " in pattern " + PythonRepr.quote(python));
    }
  }

  /** The subject string, failing once the engine has read too many characters. */
  private static final class BoundedCharSequence implements CharSequence {
    private final String text;
    private final long[] reads;

    BoundedCharSequence(String text) {
      this(text, new long[1]);
    }

    private BoundedCharSequence(String text, long[] reads) {
      this.text = text;
      this.reads = reads;
    }

    @Override
    public char charAt(int index) {
      if (++reads[0] > MAX_CHARACTER_READS) {
        throw new ExpressionError("regular expression is too expensive to evaluate");
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BoundedCharSequence(text.substring(start, end), reads);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}

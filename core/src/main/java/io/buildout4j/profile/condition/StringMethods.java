package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The allow-listed methods of {@code str}: {@code split}, {@code strip}, {@code lstrip}, {@code
 * rstrip}, {@code startswith}, {@code endswith}, {@code lower}, {@code upper}, {@code replace},
 * {@code find} and {@code isdigit}, with Python's semantics (whitespace is Python's {@code
 * str.isspace}; positions count code points).
 */
final class StringMethods {
  static final Set<String> NAMES =
      Set.of(
          "split",
          "strip",
          "lstrip",
          "rstrip",
          "startswith",
          "endswith",
          "lower",
          "upper",
          "replace",
          "find",
          "isdigit");

  private StringMethods() {}

  /** The bound method {@code receiver.name}, or null if it is not allow-listed. */
  static PyValue.@Nullable Function bind(PyValue.Str receiver, String name) {
    if (!NAMES.contains(name)) {
      return null;
    }
    String s = receiver.value();
    String qualified = "str." + name;
    return new PyValue.Function(qualified, args -> call(name, qualified, s, args));
  }

  private static PyValue call(String name, String qualified, String s, List<PyValue> values) {
    switch (name) {
      case "split" -> {
        Arguments args = Arguments.of(qualified, values, 0, 2);
        String sep = args.optionalString(0, "separator");
        long max = args.size() > 1 ? args.integer(1, "maxsplit") : -1;
        return strings(sep == null ? splitWhitespace(s, max) : splitOn(s, sep, max));
      }
      case "strip", "lstrip", "rstrip" -> {
        Arguments args = Arguments.of(qualified, values, 0, 1);
        String chars = args.optionalString(0, "chars");
        return new PyValue.Str(strip(s, chars, !name.equals("rstrip"), !name.equals("lstrip")));
      }
      case "startswith", "endswith" -> {
        Arguments args = Arguments.of(qualified, values, 1, 1);
        boolean start = name.equals("startswith");
        for (String affix : affixes(args.get(0), name)) {
          if (start ? s.startsWith(affix) : s.endsWith(affix)) {
            return PyValue.Bool.TRUE;
          }
        }
        return PyValue.Bool.FALSE;
      }
      case "lower" -> {
        Arguments.of(qualified, values, 0, 0);
        return new PyValue.Str(s.toLowerCase(Locale.ROOT));
      }
      case "upper" -> {
        Arguments.of(qualified, values, 0, 0);
        return new PyValue.Str(s.toUpperCase(Locale.ROOT));
      }
      case "replace" -> {
        Arguments args = Arguments.of(qualified, values, 2, 3);
        String old = args.string(0, "old");
        String replacement = args.string(1, "new");
        long count = args.size() > 2 ? args.integer(2, "count") : -1;
        return new PyValue.Str(replace(s, old, replacement, count));
      }
      case "find" -> {
        Arguments args = Arguments.of(qualified, values, 1, 1);
        int at = s.indexOf(args.string(0, "sub"));
        return PyValue.Int.of(at < 0 ? -1 : s.codePointCount(0, at));
      }
      case "isdigit" -> {
        Arguments.of(qualified, values, 0, 0);
        return PyValue.Bool.of(!s.isEmpty() && s.codePoints().allMatch(Character::isDigit));
      }
      default -> throw new IllegalStateException(name);
    }
  }

  private static List<String> affixes(PyValue arg, String method) {
    if (arg instanceof PyValue.Str str) {
      return List.of(str.value());
    }
    if (arg instanceof PyValue.Tuple t) {
      List<String> all = new ArrayList<>();
      for (PyValue item : t.items()) {
        if (!(item instanceof PyValue.Str str)) {
          throw ExpressionError.typeError(
              "tuple for " + method + " must only contain str, not " + item.typeName());
        }
        all.add(str.value());
      }
      return all;
    }
    throw ExpressionError.typeError(
        method + " first arg must be str or a tuple of str, not " + arg.typeName());
  }

  private static PyValue strings(List<String> parts) {
    return new PyValue.ListValue(parts.stream().map(PyValue.Str::new).collect(Collectors.toList()));
  }

  /** Python's {@code str.isspace()} for one code point. */
  static boolean isSpace(int cp) {
    return Character.isWhitespace(cp)
        || Character.getType(cp) == Character.SPACE_SEPARATOR
        || cp == 0x85
        || (cp >= 0x1c && cp <= 0x1f);
  }

  private static List<String> splitWhitespace(String s, long maxSplit) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (true) {
      while (i < n && isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      if (i >= n) {
        return parts;
      }
      if (maxSplit >= 0 && parts.size() >= maxSplit) {
        parts.add(s.substring(i));
        return parts;
      }
      int start = i;
      while (i < n && !isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      parts.add(s.substring(start, i));
    }
  }

  private static List<String> splitOn(String s, String sep, long maxSplit) {
    if (sep.isEmpty()) {
      throw ExpressionError.valueError("empty separator");
    }
    List<String> parts = new ArrayList<>();
    int from = 0;
    while (maxSplit < 0 || parts.size() < maxSplit) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        break;
      }
      parts.add(s.substring(from, at));
      from = at + sep.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  private static String strip(String s, @Nullable String chars, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    while (left && start < end && strippable(s.codePointAt(start), chars)) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (right && end > start && strippable(s.codePointBefore(end), chars)) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  private static boolean strippable(int cp, @Nullable String chars) {
    return chars == null ? isSpace(cp) : chars.codePoints().anyMatch(c -> c == cp);
  }

  private static String replace(String s, String old, String replacement, long count) {
    long limit = count < 0 ? Long.MAX_VALUE : count;
    List<Integer> positions = new ArrayList<>();
    if (old.isEmpty()) {
      for (int i = 0; i <= s.length() && positions.size() < limit; ) {
        positions.add(i);
        i = i < s.length() ? i + Character.charCount(s.codePointAt(i)) : i + 1;
      }
    } else {
      for (int at = s.indexOf(old); at >= 0 && positions.size() < limit; ) {
        positions.add(at);
        at = s.indexOf(old, at + old.length());
      }
    }
    long length = s.length() + (long) positions.size() * (replacement.length() - old.length());
    if (length > Math.max(Budget.MAX_SEQUENCE_LENGTH, s.length())) {
      throw ExpressionError.python(
          "MemoryError", "result of str.replace() would have " + length + " characters");
    }
    StringBuilder out = new StringBuilder((int) length);
    int from = 0;
    for (int at : positions) {
      out.append(s, from, at).append(replacement);
      from = at + old.length();
    }
    return out.append(s, from, s.length()).toString();
  }
}

package io.buildout4j.profile.condition;

/**
 * Decodes the body of a Python string literal (the text between the quotes), applying Python's
 * backslash escapes unless the literal is raw. Used by the condition {@link Tokenizer} and by
 * {@link MarkerParser} for PEP 508 quoted strings.
 */
final class PythonStringLiteral {
  private PythonStringLiteral() {}

  /**
   * Returns the value of a literal body.
   *
   * @param body the characters between the quotes
   * @param raw whether the literal had an {@code r} prefix
   * @param column column of the literal, for errors
   */
  static String decode(String body, boolean raw, int column) {
    if (raw || body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder out = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        out.append(c);
        i++;
        continue;
      }
      char e = body.charAt(i + 1);
      i += 2;
      switch (e) {
        case '\n' -> {}
        case '\\' -> out.append('\\');
        case '\'' -> out.append('\'');
        case '"' -> out.append('"');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case 'x' -> i = appendHex(body, i, 2, "\\xXX", out, column);
        case 'u' -> i = appendHex(body, i, 4, "\\uXXXX", out, column);
        case 'U' -> i = appendHex(body, i, 8, "\\UXXXXXXXX", out, column);
        case 'N' -> i = appendNamed(body, i, out, column);
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i - 1;
            while (end < body.length() && end < i + 2 && isOctal(body.charAt(end))) {
              end++;
            }
            out.appendCodePoint(Integer.parseInt(body.substring(i - 1, end), 8));
            i = end;
          } else {
            out.append('\\').append(e);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  private static int appendHex(
      String body, int start, int digits, String form, StringBuilder out, int column) {
    if (start + digits > body.length()
        || !body.substring(start, start + digits).chars().allMatch(PythonStringLiteral::isHex)) {
      throw new ExpressionError("truncated " + form + " escape in string literal", column);
    }
    long codePoint = Long.parseLong(body.substring(start, start + digits), 16);
    if (codePoint > Character.MAX_CODE_POINT) {
      throw new ExpressionError("illegal Unicode character in string literal", column);
    }
    out.appendCodePoint((int) codePoint);
    return start + digits;
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int appendNamed(String body, int start, StringBuilder out, int column) {
    int close = body.indexOf('}', start);
    if (start >= body.length() || body.charAt(start) != '{' || close < 0) {
      throw new ExpressionError("malformed \\N character escape in string literal", column);
    }
    String name = body.substring(start + 1, close);
    try {
      out.appendCodePoint(Character.codePointOf(name));
    } catch (IllegalArgumentException e) {
      throw new ExpressionError("unknown Unicode character name '" + name + "'", column);
    }
    return close + 1;
  }
}

package io.buildout4j.profile.condition;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a Python condition into {@link Token}s, following Python 3.11's lexical rules for the
 * tokens a condition can contain. Comments, float, complex, bytes and f-string literals are
 * rejected here; unsupported operators and keywords are tokenized and rejected by the {@link
 * Parser}, which can then name them.
 */
final class Tokenizer {

  /** Operators, longest first so that the first match is the longest. */
  private static final List<String> OPERATORS =
      List.of(
          "**=", "//=", ">>=", "<<=", "...", "!=", "==", "<=", ">=", "<>", "->", ":=", "**", "//",
          "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "(", ")", "[", "]", "{",
          "}", ",", ":", ".", ";", "+", "-", "*", "/", "%", "&", "|", "^", "~", "<", ">", "=", "@");

  private final String source;
  private int pos;

  private Tokenizer(String source) {
    this.source = source;
  }

  /** Tokenizes {@code source}; the last token is always {@link Token.Kind#END}. */
  static List<Token> tokenize(String source) {
    return new Tokenizer(source).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos >= source.length()) {
        tokens.add(new Token(Token.Kind.END, "", pos + 1, null));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipWhitespace() {
    while (pos < source.length()) {
      char c = source.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '\\' && pos + 1 < source.length() && source.charAt(pos + 1) == '\n') {
        pos += 2;
      } else {
        return;
      }
    }
  }

  private Token next() {
    int start = pos;
    int c = source.codePointAt(pos);
    if (c == '#') {
      throw new ExpressionError(
          "comments are not allowed in a condition (write a literal # as \\x23 inside a string)",
          column(start));
    }
    if (isIdentifierStart(c)) {
      return nameOrPrefixedString();
    }
    if (isDigit(c) || (c == '.' && pos + 1 < source.length() && isDigit(source.charAt(pos + 1)))) {
      return number();
    }
    if (c == '\'' || c == '"') {
      return string(start, "");
    }
    for (String op : OPERATORS) {
      if (source.startsWith(op, pos)) {
        pos += op.length();
        return new Token(Token.Kind.OPERATOR, op, column(start), null);
      }
    }
    throw new ExpressionError(
        "unexpected character '" + new String(Character.toChars(c)) + "'", column(start));
  }

  private Token nameOrPrefixedString() {
    int start = pos;
    pos += Character.charCount(source.codePointAt(pos));
    while (pos < source.length() && isIdentifierPart(source.codePointAt(pos))) {
      pos += Character.charCount(source.codePointAt(pos));
    }
    String name = source.substring(start, pos);
    if (pos < source.length() && (source.charAt(pos) == '\'' || source.charAt(pos) == '"')) {
      String prefix = name.toLowerCase(Locale.ROOT);
      switch (prefix) {
        case "r", "u" -> {
          return string(start, prefix);
        }
        case "b", "br", "rb" ->
            throw new ExpressionError("bytes literals are not supported", column(start));
        case "f", "fr", "rf" ->
            throw new ExpressionError("f-strings are not supported", column(start));
        default -> {}
      }
    }
    return new Token(Token.Kind.NAME, name, column(start), null);
  }

  private Token number() {
    int start = pos;
    boolean prefixed =
        source.startsWith("0", pos)
            && pos + 1 < source.length()
            && "xXoObB".indexOf(source.charAt(pos + 1)) >= 0;
    if (prefixed) {
      pos += 2;
    }
    while (pos < source.length()) {
      char c = source.charAt(pos);
      boolean digit = prefixed ? isHexDigit(c) : isDigit(c);
      if (!digit && c != '_') {
        break;
      }
      pos++;
    }
    String text = source.substring(start, pos);
    if (pos < source.length()) {
      char c = source.charAt(pos);
      if (!prefixed && (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J')) {
        throw new ExpressionError(
            "float and complex literals are not supported, only integers", column(start));
      }
      if (isIdentifierPart(source.codePointAt(pos))) {
        throw new ExpressionError("invalid number literal", column(start));
      }
    }
    BigInteger value = integerValue(text, column(start));
    return new Token(Token.Kind.NUMBER, text, column(start), new PyValue.Int(value));
  }

  /**
   * The value of an integer literal, checked by hand rather than by regex (a regex would recurse
   * once per digit): single underscores only between digits, no leading zeros in non-zero decimals,
   * and at most {@link PythonRepr#MAX_INT_DIGITS} decimal digits, as CPython 3.11.
   */
  private static BigInteger integerValue(String text, int column) {
    int radix = 10;
    int start = 0;
    if (text.length() > 1 && text.charAt(0) == '0' && "xXoObB".indexOf(text.charAt(1)) >= 0) {
      char p = Character.toLowerCase(text.charAt(1));
      radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
      start = 2;
    }
    StringBuilder digits = new StringBuilder(text.length());
    boolean afterDigit = start == 2; // "0x_1f" is valid
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        if (!afterDigit) {
          throw new ExpressionError("invalid number literal '" + text + "'", column);
        }
        afterDigit = false;
      } else if (Character.digit(c, radix) >= 0 && c < 128) {
        digits.append(c);
        afterDigit = true;
      } else {
        throw new ExpressionError("invalid number literal '" + text + "'", column);
      }
    }
    if (digits.length() == 0 || !afterDigit) {
      throw new ExpressionError("invalid number literal '" + text + "'", column);
    }
    if (radix == 10 && digits.charAt(0) == '0' && !digits.toString().matches("0+")) {
      throw new ExpressionError(
          "leading zeros in decimal integer literals are not permitted", column);
    }
    if (radix == 10 && digits.length() > PythonRepr.MAX_INT_DIGITS) {
      throw new ExpressionError(
          "integer literal exceeds the limit ("
              + PythonRepr.MAX_INT_DIGITS
              + " digits) for integer string conversion",
          column);
    }
    return new BigInteger(digits.toString(), radix);
  }

  private Token string(int start, String prefix) {
    char quote = source.charAt(pos);
    boolean triple = source.startsWith(String.valueOf(quote).repeat(3), pos);
    int open = triple ? 3 : 1;
    pos += open;
    int bodyStart = pos;
    while (true) {
      if (pos >= source.length()) {
        throw new ExpressionError("unterminated string literal", column(start));
      }
      char c = source.charAt(pos);
      if (c == '\\') {
        pos = Math.min(pos + 2, source.length());
        continue;
      }
      if (c == '\n' && !triple) {
        throw new ExpressionError("unterminated string literal", column(start));
      }
      if (c == quote && (!triple || source.startsWith(String.valueOf(quote).repeat(3), pos))) {
        break;
      }
      pos++;
    }
    String body = source.substring(bodyStart, pos);
    pos += open;
    String value = PythonStringLiteral.decode(body, prefix.equals("r"), column(start));
    return new Token(
        Token.Kind.STRING, source.substring(start, pos), column(start), new PyValue.Str(value));
  }

  private int column(int index) {
    return index + 1;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(int c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isIdentifierStart(int c) {
    return c == '_' || Character.isUnicodeIdentifierStart(c);
  }

  private static boolean isIdentifierPart(int c) {
    return c == '_'
        || (Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
  }
}

package io.buildout4j.profile.condition;

import org.jspecify.annotations.Nullable;

/**
 * One lexical token of a Python condition.
 *
 * @param kind what sort of token this is
 * @param text the source text (for strings and numbers: the literal as written)
 * @param column 1-based column of the token's first character in the expression
 * @param value the decoded value of a {@link Kind#NUMBER} or {@link Kind#STRING} token
 */
record Token(Kind kind, String text, int column, @Nullable PyValue value) {

  /** Token categories; keywords are {@link #NAME} tokens told apart by the parser. */
  enum Kind {
    NAME,
    NUMBER,
    STRING,
    OPERATOR,
    END
  }

  boolean is(Kind kind, String text) {
    return this.kind == kind && this.text.equals(text);
  }

  boolean isOperator(String text) {
    return is(Kind.OPERATOR, text);
  }

  boolean isKeyword(String text) {
    return is(Kind.NAME, text);
  }

  /** How the token is quoted in error messages. */
  String describe() {
    return kind == Kind.END ? "end of expression" : "'" + text + "'";
  }
}

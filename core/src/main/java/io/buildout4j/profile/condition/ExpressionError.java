package io.buildout4j.profile.condition;

/**
 * Internal failure while tokenizing, parsing or evaluating one condition.
 *
 * <p>Carries the 1-based column of the offending construct when known; {@link ConditionEvaluator}
 * turns it into a {@link ConditionException} that quotes the whole expression. Errors Python itself
 * would raise are prefixed with the Python exception name ({@code TypeError: ...}).
 */
final class ExpressionError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int column;

  ExpressionError(String message) {
    this(message, 0);
  }

  ExpressionError(String message, int column) {
    super(message, null, false, false);
    this.column = column;
  }

  static ExpressionError python(String pythonException, String message) {
    return new ExpressionError(pythonException + ": " + message);
  }

  static ExpressionError typeError(String message) {
    return python("TypeError", message);
  }

  static ExpressionError valueError(String message) {
    return python("ValueError", message);
  }

  /** The 1-based column of the construct at fault, or 0 when unknown. */
  int column() {
    return column;
  }

  /** This error located at {@code column}, unless it already has a location. */
  ExpressionError locatedAt(int column) {
    return this.column > 0 || column <= 0 ? this : new ExpressionError(getMessage(), column);
  }
}

package io.buildout4j.profile.condition;

/**
 * A section condition that cannot be evaluated: a syntax error, a construct outside the supported
 * Python subset, a forbidden function, or an error Python itself would raise (a {@code TypeError},
 * a missing file, ...).
 *
 * <p>Thrown by {@link ConditionEvaluator#evaluate(String)}. The message says what is wrong and
 * where, and ends with {@code in: <expression>}; the profile parser that catches it adds the file
 * name and line number.
 */
public final class ConditionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a complete, human-readable message. */
  public ConditionException(String message) {
    super(message);
  }
}

package io.buildout4j.profile.condition;

import java.math.BigInteger;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks the positional arguments passed to a built-in function and converts them, raising the
 * {@code TypeError} Python would.
 */
final class Arguments {
  private final String function;
  private final List<PyValue> values;

  private Arguments(String function, List<PyValue> values) {
    this.function = function;
    this.values = values;
  }

  /** Arguments of {@code function}, which accepts between {@code min} and {@code max} of them. */
  static Arguments of(String function, List<PyValue> values, int min, int max) {
    int n = values.size();
    if (n < min || n > max) {
      String expected =
          min == max
              ? (max == 0 ? "no arguments" : "exactly " + max + " argument" + (max == 1 ? "" : "s"))
              : n < min ? "at least " + min + " arguments" : "at most " + max + " arguments";
      throw ExpressionError.typeError(function + "() takes " + expected + " (" + n + " given)");
    }
    return new Arguments(function, values);
  }

  int size() {
    return values.size();
  }

  PyValue get(int index) {
    return values.get(index);
  }

  /** The argument at {@code index}, or null when not passed. */
  @Nullable PyValue optional(int index) {
    return index < values.size() ? values.get(index) : null;
  }

  /** The {@code str} argument at {@code index}. */
  String string(int index, String what) {
    if (values.get(index) instanceof PyValue.Str s) {
      return s.value();
    }
    throw ExpressionError.typeError(
        function + "(): " + what + " must be str, not " + values.get(index).typeName());
  }

  /** The {@code str} argument at {@code index}, or null when it is absent or {@code None}. */
  @Nullable String optionalString(int index, String what) {
    PyValue v = optional(index);
    if (v == null || v instanceof PyValue.NoneValue) {
      return null;
    }
    return string(index, what);
  }

  /** The {@code int} (or {@code bool}) argument at {@code index}, clamped to the long range. */
  long integer(int index, String what) {
    BigInteger i = PyValue.integerOrNull(values.get(index));
    if (i == null) {
      throw ExpressionError.typeError(
          function + "(): " + what + " must be an integer, not " + values.get(index).typeName());
    }
    return i.max(BigInteger.valueOf(Long.MIN_VALUE))
        .min(BigInteger.valueOf(Long.MAX_VALUE))
        .longValue();
  }
}

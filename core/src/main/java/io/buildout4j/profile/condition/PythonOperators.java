package io.buildout4j.profile.condition;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Python 3 semantics of the comparison, membership, identity and arithmetic operators on {@link
 * PyValue}s: {@code bool} acts as an int, tuples and lists compare lexicographically, ordering
 * values of unrelated types is a {@code TypeError}, equality of unrelated types is false.
 */
final class PythonOperators {
  private static final BigInteger SMALL_INT_MIN = BigInteger.valueOf(-5);
  private static final BigInteger SMALL_INT_MAX = BigInteger.valueOf(256);

  /** Largest int a condition may compute with {@code **} or {@code <<}, in bits. */
  static final int MAX_INT_BITS = 1_000_000;

  private PythonOperators() {}

  /** Evaluates one comparison link {@code left op right} of a (possibly chained) comparison. */
  static boolean compare(String operator, PyValue left, PyValue right) {
    return switch (operator) {
      case "==" -> equal(left, right);
      case "!=" -> !equal(left, right);
      case "<", "<=", ">", ">=" -> order(operator, left, right);
      case "in" -> contains(right, left);
      case "not in" -> !contains(right, left);
      case "is" -> identical(left, right);
      case "is not" -> !identical(left, right);
      default -> throw new IllegalArgumentException(operator);
    };
  }

  /** {@code a == b}. */
  static boolean equal(PyValue a, PyValue b) {
    BigInteger x = PyValue.integerOrNull(a);
    BigInteger y = PyValue.integerOrNull(b);
    if (x != null || y != null) {
      return x != null && y != null && x.equals(y);
    }
    if (a instanceof PyValue.Str s && b instanceof PyValue.Str t) {
      return s.value().equals(t.value());
    }
    List<PyValue> ta = PyValue.tupleItemsOrNull(a);
    List<PyValue> tb = PyValue.tupleItemsOrNull(b);
    if (ta != null || tb != null) {
      return ta != null && tb != null && sequenceEqual(ta, tb);
    }
    if (a instanceof PyValue.ListValue l && b instanceof PyValue.ListValue m) {
      return sequenceEqual(l.items(), m.items());
    }
    if (a instanceof PyValue.Dict d && b instanceof PyValue.Dict e) {
      if (d.entries().size() != e.entries().size()) {
        return false;
      }
      for (PyValue.Dict.Entry entry : d.entries()) {
        PyValue.Dict.Entry other = lookup(e, entry.key());
        if (other == null || !equal(entry.value(), other.value())) {
          return false;
        }
      }
      return true;
    }
    return a == b;
  }

  private static boolean sequenceEqual(List<PyValue> a, List<PyValue> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code a < b} and friends, raising {@code TypeError} for unorderable types. */
  static boolean order(String operator, PyValue a, PyValue b) {
    BigInteger x = PyValue.integerOrNull(a);
    BigInteger y = PyValue.integerOrNull(b);
    if (x != null && y != null) {
      return holds(operator, x.compareTo(y));
    }
    if (a instanceof PyValue.Str s && b instanceof PyValue.Str t) {
      return holds(operator, compareCodePoints(s.value(), t.value()));
    }
    List<PyValue> ta = PyValue.tupleItemsOrNull(a);
    List<PyValue> tb = PyValue.tupleItemsOrNull(b);
    if (ta != null && tb != null) {
      return lexicographic(operator, ta, tb);
    }
    if (a instanceof PyValue.ListValue l && b instanceof PyValue.ListValue m) {
      return lexicographic(operator, l.items(), m.items());
    }
    throw ExpressionError.typeError(
        "'"
            + operator
            + "' not supported between instances of '"
            + a.typeName()
            + "' and '"
            + b.typeName()
            + "'");
  }

  private static boolean lexicographic(String operator, List<PyValue> a, List<PyValue> b) {
    int common = Math.min(a.size(), b.size());
    for (int i = 0; i < common; i++) {
      if (!equal(a.get(i), b.get(i))) {
        return order(operator, a.get(i), b.get(i));
      }
    }
    return holds(operator, Integer.compare(a.size(), b.size()));
  }

  private static boolean holds(String operator, int comparison) {
    return switch (operator) {
      case "<" -> comparison < 0;
      case "<=" -> comparison <= 0;
      case ">" -> comparison > 0;
      case ">=" -> comparison >= 0;
      default -> throw new IllegalArgumentException(operator);
    };
  }

  /** Compares by code point, as Python does (not by UTF-16 unit, as {@link String} does). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** {@code item in container}. */
  static boolean contains(PyValue container, PyValue item) {
    if (container instanceof PyValue.Str s) {
      if (item instanceof PyValue.Str t) {
        return s.value().contains(t.value());
      }
      throw ExpressionError.typeError(
          "'in <string>' requires string as left operand, not " + item.typeName());
    }
    List<PyValue> items = PyValue.tupleItemsOrNull(container);
    if (items == null && container instanceof PyValue.ListValue l) {
      items = l.items();
    }
    if (items != null) {
      for (PyValue candidate : items) {
        if (candidate == item || equal(candidate, item)) {
          return true;
        }
      }
      return false;
    }
    if (container instanceof PyValue.Dict d) {
      return lookup(d, item) != null;
    }
    throw ExpressionError.typeError(
        "argument of type '" + container.typeName() + "' is not iterable");
  }

  /** The entry for {@code key}, or null; raises {@code TypeError} for unhashable keys. */
  static PyValue.Dict.@Nullable Entry lookup(PyValue.Dict dict, PyValue key) {
    requireHashable(key);
    for (PyValue.Dict.Entry entry : dict.entries()) {
      if (equal(entry.key(), key)) {
        return entry;
      }
    }
    return null;
  }

  static void requireHashable(PyValue key) {
    if (key instanceof PyValue.ListValue || key instanceof PyValue.Dict) {
      throw ExpressionError.typeError("unhashable type: '" + key.typeName() + "'");
    }
    List<PyValue> items = PyValue.tupleItemsOrNull(key);
    if (items != null) {
      items.forEach(PythonOperators::requireHashable);
    }
  }

  /**
   * {@code a is b}: singletons and CPython's cached small ints compare by value, strings by value
   * (CPython interns the identifier-like strings conditions use), everything else by identity.
   */
  static boolean identical(PyValue a, PyValue b) {
    if (a instanceof PyValue.Bool x && b instanceof PyValue.Bool y) {
      return x.value() == y.value();
    }
    if (a instanceof PyValue.Int x && b instanceof PyValue.Int y) {
      BigInteger v = x.value();
      boolean cached = v.compareTo(SMALL_INT_MIN) >= 0 && v.compareTo(SMALL_INT_MAX) <= 0;
      return a == b || (cached && v.equals(y.value()));
    }
    if (a instanceof PyValue.Str x && b instanceof PyValue.Str y) {
      return x.value().equals(y.value());
    }
    return a == b;
  }

  /** {@code a + b}. */
  static PyValue add(PyValue a, PyValue b, Budget budget) {
    BigInteger x = PyValue.integerOrNull(a);
    BigInteger y = PyValue.integerOrNull(b);
    if (x != null && y != null) {
      return new PyValue.Int(x.add(y));
    }
    if (a instanceof PyValue.Str s) {
      if (b instanceof PyValue.Str t) {
        budget.allocate((long) s.value().length() + t.value().length());
        return new PyValue.Str(s.value() + t.value());
      }
      throw ExpressionError.typeError(
          "can only concatenate str (not \"" + b.typeName() + "\") to str");
    }
    List<PyValue> ta = PyValue.tupleItemsOrNull(a);
    if (ta != null) {
      List<PyValue> tb = PyValue.tupleItemsOrNull(b);
      if (tb != null) {
        return new PyValue.Tuple(concat(ta, tb, budget));
      }
      throw ExpressionError.typeError(
          "can only concatenate tuple (not \"" + b.typeName() + "\") to tuple");
    }
    if (a instanceof PyValue.ListValue l) {
      if (b instanceof PyValue.ListValue m) {
        return new PyValue.ListValue(concat(l.items(), m.items(), budget));
      }
      throw ExpressionError.typeError(
          "can only concatenate list (not \"" + b.typeName() + "\") to list");
    }
    throw unsupported("+", a, b);
  }

  private static List<PyValue> concat(List<PyValue> a, List<PyValue> b, Budget budget) {
    budget.allocate((long) a.size() + b.size());
    List<PyValue> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** {@code a - b}. */
  static PyValue subtract(PyValue a, PyValue b) {
    BigInteger x = PyValue.integerOrNull(a);
    BigInteger y = PyValue.integerOrNull(b);
    if (x != null && y != null) {
      return new PyValue.Int(x.subtract(y));
    }
    throw unsupported("-", a, b);
  }

  /** {@code a * b}, including sequence repetition. */
  static PyValue multiply(PyValue a, PyValue b, Budget budget) {
    BigInteger x = PyValue.integerOrNull(a);
    BigInteger y = PyValue.integerOrNull(b);
    if (x != null && y != null) {
      long bits = (long) x.bitLength() + y.bitLength();
      checkIntSize(bits);
      budget.charge(bits / 64);
      return new PyValue.Int(x.multiply(y));
    }
    if (y != null && isSequence(a)) {
      return repeat(a, y, budget);
    }
    if (x != null && isSequence(b)) {
      return repeat(b, x, budget);
    }
    if (isSequence(a) || isSequence(b)) {
      PyValue other = isSequence(a) ? b : a;
      throw ExpressionError.typeError(
          "can't multiply sequence by non-int of type '" + other.typeName() + "'");
    }
    throw unsupported("*", a, b);
  }

  private static boolean isSequence(PyValue v) {
    return v instanceof PyValue.Str
        || v instanceof PyValue.ListValue
        || PyValue.tupleItemsOrNull(v) != null;
  }

  private static PyValue repeat(PyValue sequence, BigInteger count, Budget budget) {
    int n = count.signum() <= 0 ? 0 : count.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    if (sequence instanceof PyValue.Str s) {
      budget.allocate((long) s.value().length() * n);
      return new PyValue.Str(s.value().isEmpty() ? "" : s.value().repeat(n));
    }
    List<PyValue> items = PyValue.tupleItemsOrNull(sequence);
    boolean tuple = items != null;
    if (items == null) {
      items = ((PyValue.ListValue) sequence).items();
    }
    budget.allocate((long) items.size() * n);
    List<PyValue> all = new ArrayList<>();
    // An empty sequence repeated 2^31 times is still empty: do not loop over the count.
    for (int i = 0; i < n && !items.isEmpty(); i++) {
      all.addAll(items);
    }
    return tuple ? new PyValue.Tuple(all) : new PyValue.ListValue(all);
  }

  /** {@code a // b} on ints (floor division). */
  static PyValue floorDivide(PyValue a, PyValue b) {
    BigInteger[] qr = divmod("//", a, b);
    return new PyValue.Int(qr[0]);
  }

  /** {@code a % b} on ints (result has the sign of b). */
  static PyValue modulo(PyValue a, PyValue b) {
    if (a instanceof PyValue.Str) {
      throw new ExpressionError("string formatting with '%' is not supported");
    }
    BigInteger[] qr = divmod("%", a, b);
    return new PyValue.Int(qr[1]);
  }

  private static BigInteger[] divmod(String operator, PyValue a, PyValue b) {
    BigInteger x = PyValue.integerOrNull(a);
    BigInteger y = PyValue.integerOrNull(b);
    if (x == null || y == null) {
      throw unsupported(operator, a, b);
    }
    if (y.signum() == 0) {
      throw ExpressionError.python(
          "ZeroDivisionError",
          operator.equals("%") ? "integer modulo by zero" : "integer division or modulo by zero");
    }
    BigInteger[] qr = x.divideAndRemainder(y);
    if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
      qr[0] = qr[0].subtract(BigInteger.ONE);
      qr[1] = qr[1].add(y);
    }
    return qr;
  }

  /** {@code a ** b} on ints with a non-negative exponent (a negative one yields a float). */
  static PyValue power(PyValue a, PyValue b, Budget budget) {
    BigInteger x = PyValue.integerOrNull(a);
    BigInteger y = PyValue.integerOrNull(b);
    if (x == null || y == null) {
      throw unsupported("** or pow()", a, b);
    }
    if (y.signum() < 0) {
      throw new ExpressionError("a negative exponent yields a float, which is not supported");
    }
    if (x.signum() == 0) {
      return PyValue.Int.of(y.signum() == 0 ? 1 : 0);
    }
    if (x.abs().equals(BigInteger.ONE)) {
      return PyValue.Int.of(x.signum() < 0 && y.testBit(0) ? -1 : 1);
    }
    long bits = (long) x.bitLength() * y.min(BigInteger.valueOf(MAX_INT_BITS + 1)).longValue();
    checkIntSize(bits);
    budget.charge(bits / 64);
    return new PyValue.Int(x.pow(y.intValue()));
  }

  /** {@code a | b}, {@code a ^ b}, {@code a & b}: bool for two bools, else int. */
  static PyValue bitwise(String operator, PyValue a, PyValue b) {
    BigInteger x = PyValue.integerOrNull(a);
    BigInteger y = PyValue.integerOrNull(b);
    if (x == null || y == null) {
      throw unsupported(operator, a, b);
    }
    BigInteger r =
        switch (operator) {
          case "|" -> x.or(y);
          case "^" -> x.xor(y);
          case "&" -> x.and(y);
          default -> throw new IllegalArgumentException(operator);
        };
    if (a instanceof PyValue.Bool && b instanceof PyValue.Bool) {
      return PyValue.Bool.of(r.signum() != 0);
    }
    return new PyValue.Int(r);
  }

  /** {@code a << b} and {@code a >> b} on ints. */
  static PyValue shift(String operator, PyValue a, PyValue b, Budget budget) {
    BigInteger x = PyValue.integerOrNull(a);
    BigInteger y = PyValue.integerOrNull(b);
    if (x == null || y == null) {
      throw unsupported(operator, a, b);
    }
    if (y.signum() < 0) {
      throw ExpressionError.valueError("negative shift count");
    }
    if (operator.equals(">>")) {
      int n = y.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
      return new PyValue.Int(x.shiftRight(n));
    }
    if (x.signum() == 0) {
      return new PyValue.Int(x);
    }
    long bits = x.bitLength() + y.min(BigInteger.valueOf(MAX_INT_BITS + 1)).longValue();
    checkIntSize(bits);
    budget.charge(bits / 64);
    return new PyValue.Int(x.shiftLeft(y.intValue()));
  }

  private static void checkIntSize(long bits) {
    if (bits > MAX_INT_BITS) {
      throw ExpressionError.python(
          "MemoryError", "integer result would exceed " + MAX_INT_BITS + " bits");
    }
  }

  /** Prefix {@code -}, {@code +} or {@code ~}. */
  static PyValue unary(String operator, PyValue operand) {
    BigInteger x = PyValue.integerOrNull(operand);
    if (x == null) {
      throw ExpressionError.typeError(
          "bad operand type for unary " + operator + ": '" + operand.typeName() + "'");
    }
    return new PyValue.Int(
        switch (operator) {
          case "-" -> x.negate();
          case "+" -> x;
          case "~" -> x.not();
          default -> throw new IllegalArgumentException(operator);
        });
  }

  private static ExpressionError unsupported(String operator, PyValue a, PyValue b) {
    return ExpressionError.typeError(
        "unsupported operand type(s) for "
            + operator
            + ": '"
            + a.typeName()
            + "' and '"
            + b.typeName()
            + "'");
  }
}

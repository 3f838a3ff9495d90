package io.buildout4j.profile.condition;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A Python value as seen by a condition: the handful of types a safe condition can produce.
 *
 * <p>Values are immutable. Python semantics that span several types (comparison, arithmetic,
 * membership) live in {@link PythonOperators}; text conversion in {@link PythonRepr}.
 */
sealed interface PyValue {

  /** Python's {@code type(x).__name__}, used in error messages. */
  String typeName();

  /** Python truthiness ({@code bool(x)}). */
  boolean isTruthy();

  /** {@code None}. */
  enum NoneValue implements PyValue {
    NONE;

    @Override
    public String typeName() {
      return "NoneType";
    }

    @Override
    public boolean isTruthy() {
      return false;
    }
  }

  /** {@code True} or {@code False}; behaves as the integers 1 and 0 in arithmetic. */
  record Bool(boolean value) implements PyValue {
    static final Bool TRUE = new Bool(true);
    static final Bool FALSE = new Bool(false);

    static Bool of(boolean value) {
      return value ? TRUE : FALSE;
    }

    @Override
    public String typeName() {
      return "bool";
    }

    @Override
    public boolean isTruthy() {
      return value;
    }
  }

  /** An arbitrary-precision {@code int}. */
  record Int(BigInteger value) implements PyValue {
    static Int of(long value) {
      return new Int(BigInteger.valueOf(value));
    }

    @Override
    public String typeName() {
      return "int";
    }

    @Override
    public boolean isTruthy() {
      return value.signum() != 0;
    }
  }

  /** A {@code str}; lengths and indices count code points, as in Python. */
  record Str(String value) implements PyValue {
    @Override
    public String typeName() {
      return "str";
    }

    @Override
    public boolean isTruthy() {
      return !value.isEmpty();
    }

    int[] codePoints() {
      return value.codePoints().toArray();
    }

    int length() {
      return value.codePointCount(0, value.length());
    }
  }

  /** A {@code tuple}. */
  record Tuple(List<PyValue> items) implements PyValue {
    public Tuple {
      items = List.copyOf(items);
    }

    @Override
    public String typeName() {
      return "tuple";
    }

    @Override
    public boolean isTruthy() {
      return !items.isEmpty();
    }
  }

  /** A {@code list} (never mutated: conditions have no statements). */
  record ListValue(List<PyValue> items) implements PyValue {
    public ListValue {
      items = List.copyOf(items);
    }

    @Override
    public String typeName() {
      return "list";
    }

    @Override
    public boolean isTruthy() {
      return !items.isEmpty();
    }
  }

  /** A {@code dict} in insertion order; keys are unique under Python equality. */
  record Dict(List<Entry> entries) implements PyValue {
    public Dict {
      entries = List.copyOf(entries);
    }

    /** One key/value pair. */
    record Entry(PyValue key, PyValue value) {}

    @Override
    public String typeName() {
      return "dict";
    }

    @Override
    public boolean isTruthy() {
      return !entries.isEmpty();
    }
  }

  /**
   * A named tuple such as {@code sys.version_info}: compares, indexes and slices as a tuple and
   * also offers its fields as attributes.
   */
  record StructSeq(String typeName, List<String> fields, List<PyValue> items) implements PyValue {
    public StructSeq {
      fields = List.copyOf(fields);
      items = List.copyOf(items);
    }

    @Override
    public boolean isTruthy() {
      return !items.isEmpty();
    }
  }

  /** A module with an allow-listed set of attributes, computed on access. */
  record Module(String name, Map<String, Supplier<PyValue>> attributes) implements PyValue {
    public Module {
      attributes = Map.copyOf(attributes);
    }

    @Override
    public String typeName() {
      return "module";
    }

    @Override
    public boolean isTruthy() {
      return true;
    }
  }

  /** A built-in function or bound method; {@code name} is its qualified Python name. */
  record Function(String name, Body body) implements PyValue {

    /** The implementation; throws {@link ExpressionError} as Python would raise. */
    @FunctionalInterface
    interface Body {
      PyValue call(List<PyValue> args);
    }

    @Override
    public String typeName() {
      return "builtin_function_or_method";
    }

    @Override
    public boolean isTruthy() {
      return true;
    }
  }

  /** What {@code open(path)} returns: a read-only text file whose content was read on open. */
  record File(String path, String content) implements PyValue {
    @Override
    public String typeName() {
      return "TextIOWrapper";
    }

    @Override
    public boolean isTruthy() {
      return true;
    }
  }

  /** A successful {@code re} match; {@code groups.get(0)} is the whole match. */
  record Match(List<@Nullable String> groups) implements PyValue {
    @Override
    public String typeName() {
      return "re.Match";
    }

    @Override
    public boolean isTruthy() {
      return true;
    }
  }

  /** The integer value of an {@code int} or {@code bool}, or null for any other type. */
  static @Nullable BigInteger integerOrNull(PyValue value) {
    if (value instanceof Int i) {
      return i.value();
    }
    if (value instanceof Bool b) {
      return b.value() ? BigInteger.ONE : BigInteger.ZERO;
    }
    return null;
  }

  /** The items of a tuple or tuple-like value, or null for any other type. */
  static @Nullable List<PyValue> tupleItemsOrNull(PyValue value) {
    if (value instanceof Tuple t) {
      return t.items();
    }
    if (value instanceof StructSeq s) {
      return s.items();
    }
    return null;
  }
}

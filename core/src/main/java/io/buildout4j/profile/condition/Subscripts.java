package io.buildout4j.profile.condition;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Python indexing ({@code x[i]}, {@code d[k]}) and slicing ({@code x[a:b:c]}). */
final class Subscripts {
  private Subscripts() {}

  /** {@code container[key]}. */
  static PyValue index(PyValue container, PyValue key) {
    if (container instanceof PyValue.Dict d) {
      PyValue.Dict.Entry entry = PythonOperators.lookup(d, key);
      if (entry == null) {
        throw ExpressionError.python("KeyError", PythonRepr.repr(key));
      }
      return entry.value();
    }
    if (container instanceof PyValue.Str s) {
      int[] cps = s.codePoints();
      int i = position(key, cps.length, "string", "string indices must be integers, not '%s'");
      return new PyValue.Str(new String(cps, i, 1));
    }
    List<PyValue> items = PyValue.tupleItemsOrNull(container);
    String kind = "tuple";
    if (items == null && container instanceof PyValue.ListValue l) {
      items = l.items();
      kind = "list";
    }
    if (items == null) {
      throw ExpressionError.typeError("'" + container.typeName() + "' object is not subscriptable");
    }
    String message = kind + " indices must be integers or slices, not %s";
    return items.get(position(key, items.size(), kind, message));
  }

  private static int position(PyValue key, int length, String kind, String typeMessage) {
    BigInteger i = PyValue.integerOrNull(key);
    if (i == null) {
      throw ExpressionError.typeError(String.format(typeMessage, key.typeName()));
    }
    if (i.signum() < 0) {
      i = i.add(BigInteger.valueOf(length));
    }
    if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(length)) >= 0) {
      throw ExpressionError.python("IndexError", kind + " index out of range");
    }
    return i.intValue();
  }

  /** {@code container[lower:upper:step]}; null bounds are omitted ones. */
  static PyValue slice(
      PyValue container, @Nullable PyValue lower, @Nullable PyValue upper, @Nullable PyValue step) {
    lower = lower instanceof PyValue.NoneValue ? null : lower;
    upper = upper instanceof PyValue.NoneValue ? null : upper;
    step = step instanceof PyValue.NoneValue ? null : step;
    // Lengths are ints, so a step beyond +-2^31 selects the same items and cannot overflow.
    long stepValue =
        step == null ? 1 : Math.max(-(1L << 31), Math.min(1L << 31, clamp(bound(step))));
    if (stepValue == 0) {
      throw ExpressionError.valueError("slice step cannot be zero");
    }
    if (container instanceof PyValue.Str s) {
      int[] cps = s.codePoints();
      StringBuilder out = new StringBuilder();
      for (int i : indices(cps.length, lower, upper, stepValue)) {
        out.appendCodePoint(cps[i]);
      }
      return new PyValue.Str(out.toString());
    }
    List<PyValue> items = PyValue.tupleItemsOrNull(container);
    boolean tuple = items != null;
    if (items == null && container instanceof PyValue.ListValue l) {
      items = l.items();
    }
    if (items == null) {
      if (container instanceof PyValue.Dict) {
        throw ExpressionError.typeError("unhashable type: 'slice'");
      }
      throw ExpressionError.typeError("'" + container.typeName() + "' object is not subscriptable");
    }
    List<PyValue> out = new ArrayList<>();
    for (int i : indices(items.size(), lower, upper, stepValue)) {
      out.add(items.get(i));
    }
    return tuple ? new PyValue.Tuple(out) : new PyValue.ListValue(out);
  }

  /** The selected positions, following CPython's {@code PySlice_AdjustIndices}. */
  private static int[] indices(
      int length, @Nullable PyValue lower, @Nullable PyValue upper, long step) {
    long start;
    long stop;
    if (step > 0) {
      start = lower == null ? 0 : adjust(clamp(bound(lower)), length, 0, length);
      stop = upper == null ? length : adjust(clamp(bound(upper)), length, 0, length);
    } else {
      start = lower == null ? length - 1 : adjust(clamp(bound(lower)), length, -1, length - 1);
      stop = upper == null ? -1 : adjust(clamp(bound(upper)), length, -1, length - 1);
    }
    List<Integer> positions = new ArrayList<>();
    for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
      positions.add((int) i);
    }
    return positions.stream().mapToInt(Integer::intValue).toArray();
  }

  private static long adjust(long index, int length, long low, long high) {
    if (index < 0) {
      index += length;
      return index < 0 ? low : index;
    }
    return Math.min(index, high);
  }

  private static BigInteger bound(PyValue value) {
    BigInteger i = PyValue.integerOrNull(value);
    if (i == null) {
      throw ExpressionError.typeError(
          "slice indices must be integers or None or have an __index__ method");
    }
    return i;
  }

  private static long clamp(BigInteger value) {
    return value
        .max(BigInteger.valueOf(Long.MIN_VALUE + 1))
        .min(BigInteger.valueOf(Long.MAX_VALUE))
        .longValue();
  }
}

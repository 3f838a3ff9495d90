package io.buildout4j.profile.condition;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in functions available to conditions: {@code int}, {@code str}, {@code len}, {@code
 * bool} and a read-only {@code open}.
 */
final class Builtins {
  private Builtins() {}

  /** The built-in functions by name, reading files through {@code files}. */
  static Map<String, PyValue> create(HostFileSystem files) {
    Map<String, PyValue> builtins = new LinkedHashMap<>();
    builtins.put("int", new PyValue.Function("int", Builtins::toInt));
    builtins.put("str", new PyValue.Function("str", Builtins::toStr));
    builtins.put("len", new PyValue.Function("len", Builtins::len));
    builtins.put("bool", new PyValue.Function("bool", Builtins::toBool));
    builtins.put("open", new PyValue.Function("open", args -> open(files, args)));
    return builtins;
  }

  private static PyValue toStr(List<PyValue> values) {
    Arguments args = Arguments.of("str", values, 0, 1);
    return new PyValue.Str(args.size() == 0 ? "" : PythonRepr.str(args.get(0)));
  }

  private static PyValue toBool(List<PyValue> values) {
    Arguments args = Arguments.of("bool", values, 0, 1);
    return PyValue.Bool.of(args.size() > 0 && args.get(0).isTruthy());
  }

  private static PyValue len(List<PyValue> values) {
    PyValue v = Arguments.of("len", values, 1, 1).get(0);
    List<PyValue> items = PyValue.tupleItemsOrNull(v);
    if (items != null) {
      return PyValue.Int.of(items.size());
    }
    if (v instanceof PyValue.Str s) {
      return PyValue.Int.of(s.length());
    }
    if (v instanceof PyValue.ListValue l) {
      return PyValue.Int.of(l.items().size());
    }
    if (v instanceof PyValue.Dict d) {
      return PyValue.Int.of(d.entries().size());
    }
    throw ExpressionError.typeError("object of type '" + v.typeName() + "' has no len()");
  }

  private static PyValue toInt(List<PyValue> values) {
    Arguments args = Arguments.of("int", values, 0, 2);
    if (args.size() == 0) {
      return PyValue.Int.of(0);
    }
    PyValue x = args.get(0);
    if (args.size() == 2) {
      long base = args.integer(1, "base");
      if (!(x instanceof PyValue.Str s)) {
        throw ExpressionError.typeError("int() can't convert non-string with explicit base");
      }
      if (base != 0 && (base < 2 || base > 36)) {
        throw ExpressionError.valueError("int() base must be >= 2 and <= 36, or 0");
      }
      return new PyValue.Int(parseInt(s.value(), (int) base));
    }
    BigInteger i = PyValue.integerOrNull(x);
    if (i != null) {
      return new PyValue.Int(i);
    }
    if (x instanceof PyValue.Str s) {
      return new PyValue.Int(parseInt(s.value(), 10));
    }
    throw ExpressionError.typeError(
        "int() argument must be a string, a bytes-like object or a real number, not '"
            + x.typeName()
            + "'");
  }

  /** Python's {@code int(text, base)}: whitespace, sign, base prefix and single underscores. */
  static BigInteger parseInt(String text, int base) {
    ExpressionError invalid =
        ExpressionError.valueError(
            "invalid literal for int() with base " + base + ": " + PythonRepr.quote(text));
    int start = 0;
    int end = text.length();
    while (start < end && StringMethods.isSpace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && StringMethods.isSpace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    String s = text.substring(start, end);
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    int radix = base;
    boolean prefixed = false;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char p = Character.toLowerCase(s.charAt(1));
      int prefixRadix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
      if (prefixRadix != 0 && (base == 0 || base == prefixRadix)) {
        radix = prefixRadix;
        s = s.substring(2);
        prefixed = true;
      }
    }
    if (radix == 0) {
      radix = 10;
      if (s.length() > 1 && s.charAt(0) == '0' && !s.replace("_", "").matches("0+")) {
        throw invalid;
      }
    }
    StringBuilder digits = new StringBuilder();
    boolean lastWasDigit = prefixed;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '_') {
        if (!lastWasDigit) {
          throw invalid;
        }
        lastWasDigit = false;
        continue;
      }
      int d = Character.digit(cp, radix);
      if (d < 0) {
        throw invalid;
      }
      digits.append(Character.forDigit(d, radix));
      lastWasDigit = true;
    }
    if (digits.length() == 0 || !lastWasDigit) {
      throw invalid;
    }
    boolean powerOfTwo = Integer.bitCount(radix) == 1;
    if (!powerOfTwo && digits.length() > PythonRepr.MAX_INT_DIGITS) {
      throw ExpressionError.valueError(
          "Exceeds the limit ("
              + PythonRepr.MAX_INT_DIGITS
              + " digits) for integer string conversion: value has "
              + digits.length()
              + " digits");
    }
    BigInteger value = new BigInteger(digits.toString(), radix);
    return negative ? value.negate() : value;
  }

  private static PyValue open(HostFileSystem files, List<PyValue> values) {
    Arguments args = Arguments.of("open", values, 1, 2);
    PyValue file = args.get(0);
    if (!(file instanceof PyValue.Str path)) {
      throw ExpressionError.typeError(
          "expected str, bytes or os.PathLike object, not " + file.typeName());
    }
    String mode = args.size() > 1 ? args.string(1, "mode") : "r";
    if (!mode.equals("r") && !mode.equals("rt")) {
      throw new ExpressionError(
          "open() mode " + PythonRepr.quote(mode) + " is not allowed, files are read-only ('r')");
    }
    return new PyValue.File(path.value(), files.readText(path.value()));
  }
}

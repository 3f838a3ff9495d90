package io.buildout4j.profile.condition;

import java.math.BigInteger;
import java.util.List;
import java.util.StringJoiner;

/** Python's {@code str()} and {@code repr()} of condition values. */
final class PythonRepr {
  /** CPython 3.11's default {@code sys.get_int_max_str_digits()}. */
  static final int MAX_INT_DIGITS = 4300;

  private static final BigInteger INT_LIMIT = BigInteger.TEN.pow(MAX_INT_DIGITS);

  private PythonRepr() {}

  /** {@code str(value)}. */
  static String str(PyValue value) {
    return value instanceof PyValue.Str s ? s.value() : repr(value);
  }

  /** {@code repr(value)}. */
  static String repr(PyValue value) {
    if (value instanceof PyValue.NoneValue) {
      return "None";
    } else if (value instanceof PyValue.Bool b) {
      return b.value() ? "True" : "False";
    } else if (value instanceof PyValue.Int i) {
      return intToString(i.value());
    } else if (value instanceof PyValue.Str s) {
      return quote(s.value());
    } else if (value instanceof PyValue.Tuple t) {
      return items("(", t.items(), t.items().size() == 1 ? ",)" : ")");
    } else if (value instanceof PyValue.ListValue l) {
      return items("[", l.items(), "]");
    } else if (value instanceof PyValue.Dict d) {
      StringJoiner joiner = new StringJoiner(", ", "{", "}");
      for (PyValue.Dict.Entry e : d.entries()) {
        joiner.add(repr(e.key()) + ": " + repr(e.value()));
      }
      return joiner.toString();
    } else if (value instanceof PyValue.StructSeq s) {
      StringJoiner joiner = new StringJoiner(", ", s.typeName() + "(", ")");
      for (int i = 0; i < s.items().size(); i++) {
        joiner.add(s.fields().get(i) + "=" + repr(s.items().get(i)));
      }
      return joiner.toString();
    } else if (value instanceof PyValue.Module m) {
      return "<module '" + m.name() + "'>";
    } else if (value instanceof PyValue.Function f) {
      return "<built-in function " + f.name() + ">";
    } else if (value instanceof PyValue.File f) {
      return "<_io.TextIOWrapper name=" + quote(f.path()) + " mode='r' encoding='UTF-8'>";
    } else if (value instanceof PyValue.Match m) {
      String whole = m.groups().get(0);
      return "<re.Match object; match=" + quote(whole == null ? "" : whole) + ">";
    }
    throw new AssertionError(value);
  }

  /** Decimal text of an int, refusing more digits than CPython 3.11 converts by default. */
  static String intToString(BigInteger value) {
    if (value.abs().compareTo(INT_LIMIT) >= 0) {
      throw ExpressionError.valueError(
          "Exceeds the limit (" + MAX_INT_DIGITS + " digits) for integer string conversion");
    }
    return value.toString();
  }

  private static String items(String open, List<PyValue> items, String close) {
    StringJoiner joiner = new StringJoiner(", ", open, close);
    joiner.setEmptyValue(open + (close.equals(",)") ? ")" : close));
    for (PyValue item : items) {
      joiner.add(repr(item));
    }
    return joiner.toString();
  }

  /** A Python string literal for {@code text}, quoted as {@code repr()} would. */
  static String quote(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
              } else if (cp == '\n') {
                out.append("\\n");
              } else if (cp == '\r') {
                out.append("\\r");
              } else if (cp == '\t') {
                out.append("\\t");
              } else if (isPrintable(cp)) {
                out.appendCodePoint(cp);
              } else if (cp < 0x100) {
                out.append(String.format("\\x%02x", cp));
              } else if (cp < 0x10000) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.append(String.format("\\U%08x", cp));
              }
            });
    return out.append(quote).toString();
  }

  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }
}

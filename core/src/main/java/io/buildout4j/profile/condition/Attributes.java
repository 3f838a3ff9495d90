package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Attribute access on condition values, restricted to an allow-list: module attributes listed by
 * each module, {@code str} methods of {@link StringMethods}, {@code dict.get/keys/values/items},
 * named-tuple fields, {@code read} on opened files and {@code group/groups} on regex matches.
 */
final class Attributes {
  private Attributes() {}

  /**
   * {@code value.name}.
   *
   * @param called whether the attribute is about to be called, which words the error message
   */
  static PyValue get(PyValue value, String name, boolean called) {
    if (name.startsWith("_")) {
      throw new ExpressionError("attribute '" + name + "' is not allowed");
    }
    if (value instanceof PyValue.Module m) {
      Supplier<PyValue> attribute = m.attributes().get(name);
      if (attribute == null) {
        throw notAllowed(m.name() + "." + name, called);
      }
      return attribute.get();
    }
    if (value instanceof PyValue.Str s) {
      PyValue.Function method = StringMethods.bind(s, name);
      if (method != null) {
        return method;
      }
    } else if (value instanceof PyValue.Dict d) {
      PyValue method = dictMethod(d, name);
      if (method != null) {
        return method;
      }
    } else if (value instanceof PyValue.StructSeq s) {
      int index = s.fields().indexOf(name);
      if (index >= 0) {
        return s.items().get(index);
      }
    } else if (value instanceof PyValue.File f && name.equals("read")) {
      return new PyValue.Function(
          "read",
          args -> {
            Arguments.of("read", args, 0, 0);
            return new PyValue.Str(f.content());
          });
    } else if (value instanceof PyValue.Match m) {
      PyValue method = matchMethod(m, name);
      if (method != null) {
        return method;
      }
    }
    String owner = value instanceof PyValue.Function f ? f.name() : value.typeName();
    throw notAllowed(owner + "." + name, called);
  }

  static ExpressionError notAllowed(String qualifiedName, boolean called) {
    return new ExpressionError(
        (called ? "function " : "attribute ") + qualifiedName + " is not allowed");
  }

  private static PyValue.@Nullable Function dictMethod(PyValue.Dict d, String name) {
    return switch (name) {
      case "get" ->
          new PyValue.Function(
              "dict.get",
              values -> {
                Arguments args = Arguments.of("get", values, 1, 2);
                PyValue.Dict.Entry entry = PythonOperators.lookup(d, args.get(0));
                if (entry != null) {
                  return entry.value();
                }
                PyValue fallback = args.optional(1);
                return fallback == null ? PyValue.NoneValue.NONE : fallback;
              });
      case "keys" ->
          new PyValue.Function(
              "dict.keys", values -> listOf(values, "keys", d, PyValue.Dict.Entry::key));
      case "values" ->
          new PyValue.Function(
              "dict.values", values -> listOf(values, "values", d, PyValue.Dict.Entry::value));
      case "items" ->
          new PyValue.Function(
              "dict.items",
              values ->
                  listOf(values, "items", d, e -> new PyValue.Tuple(List.of(e.key(), e.value()))));
      default -> null;
    };
  }

  private static PyValue listOf(
      List<PyValue> values,
      String name,
      PyValue.Dict d,
      Function<PyValue.Dict.Entry, PyValue> part) {
    Arguments.of(name, values, 0, 0);
    List<PyValue> items = new ArrayList<>();
    d.entries().forEach(e -> items.add(part.apply(e)));
    return new PyValue.ListValue(items);
  }

  private static PyValue.@Nullable Function matchMethod(PyValue.Match m, String name) {
    return switch (name) {
      case "group" ->
          new PyValue.Function(
              "re.Match.group",
              values -> {
                Arguments args = Arguments.of("group", values, 0, 1);
                long g = args.size() == 0 ? 0 : args.integer(0, "group");
                if (g < 0 || g >= m.groups().size()) {
                  throw ExpressionError.python("IndexError", "no such group");
                }
                return strOrNone(m.groups().get((int) g));
              });
      case "groups" ->
          new PyValue.Function(
              "re.Match.groups",
              values -> {
                Arguments.of("groups", values, 0, 0);
                List<PyValue> items = new ArrayList<>();
                m.groups().stream().skip(1).forEach(g -> items.add(strOrNone(g)));
                return new PyValue.Tuple(items);
              });
      default -> null;
    };
  }

  private static PyValue strOrNone(@Nullable String s) {
    return s == null ? PyValue.NoneValue.NONE : new PyValue.Str(s);
  }
}

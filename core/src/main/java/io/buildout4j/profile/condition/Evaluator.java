package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Walks a checked {@link Expr} tree with Python semantics: {@code and}/{@code or} short-circuit and
 * return an operand, comparisons chain, comprehension variables are local to the comprehension. One
 * instance per evaluation (it holds the {@link Budget}).
 */
final class Evaluator {
  /** Python builtins a condition cannot use, named as such in errors rather than "unknown". */
  private static final Set<String> UNSUPPORTED_BUILTINS =
      Set.of(
          "abs",
          "all",
          "any",
          "ascii",
          "bin",
          "bytes",
          "callable",
          "chr",
          "dict",
          "divmod",
          "enumerate",
          "filter",
          "float",
          "format",
          "frozenset",
          "hex",
          "isinstance",
          "issubclass",
          "list",
          "map",
          "max",
          "min",
          "oct",
          "ord",
          "pow",
          "range",
          "repr",
          "reversed",
          "round",
          "set",
          "slice",
          "sorted",
          "sum",
          "tuple",
          "zip");

  private final Namespace namespace;
  private final Budget budget = new Budget();

  private Evaluator(Namespace namespace) {
    this.namespace = namespace;
  }

  /**
   * The truth of a condition parsed by {@link Parser#parseCondition}: like buildout, evaluates the
   * list {@code [EXPR]} and takes its first element's truthiness.
   */
  static boolean evaluateCondition(Expr condition, Namespace namespace) {
    PyValue result = new Evaluator(namespace).eval(condition, null);
    List<PyValue> items = ((PyValue.ListValue) result).items();
    if (items.isEmpty()) {
      throw new ExpressionError("IndexError: list index out of range (the condition is empty)");
    }
    return items.get(0).isTruthy();
  }

  /** Comprehension variables in scope, innermost first. */
  private record Scope(String name, PyValue value, @Nullable Scope parent) {}

  private PyValue eval(Expr expr, @Nullable Scope scope) {
    budget.charge(1);
    try {
      return dispatch(expr, scope);
    } catch (ExpressionError e) {
      throw e.locatedAt(expr.column());
    }
  }

  private PyValue dispatch(Expr expr, @Nullable Scope scope) {
    if (expr instanceof Expr.Literal l) {
      return l.value();
    } else if (expr instanceof Expr.Name n) {
      return lookup(n.id(), scope);
    } else if (expr instanceof Expr.Attribute a) {
      return Attributes.get(eval(a.object(), scope), a.name(), false);
    } else if (expr instanceof Expr.Call c) {
      return call(c, scope);
    } else if (expr instanceof Expr.Subscript s) {
      return subscript(s, scope);
    } else if (expr instanceof Expr.Unary u) {
      PyValue operand = eval(u.operand(), scope);
      return u.operator().equals("not")
          ? PyValue.Bool.of(!operand.isTruthy())
          : PythonOperators.unary(u.operator(), operand);
    } else if (expr instanceof Expr.Binary b) {
      return binary(b, scope);
    } else if (expr instanceof Expr.BoolOp b) {
      return boolOp(b, scope);
    } else if (expr instanceof Expr.Compare c) {
      return compare(c, scope);
    } else if (expr instanceof Expr.Conditional c) {
      return eval(c.test(), scope).isTruthy() ? eval(c.body(), scope) : eval(c.orElse(), scope);
    } else if (expr instanceof Expr.TupleDisplay t) {
      return new PyValue.Tuple(evalAll(t.items(), scope));
    } else if (expr instanceof Expr.ListDisplay l) {
      return new PyValue.ListValue(evalAll(l.items(), scope));
    } else if (expr instanceof Expr.DictDisplay d) {
      return dict(d, scope);
    } else if (expr instanceof Expr.ListComp c) {
      return comprehension(c, scope);
    } else if (expr instanceof Expr.Slice) {
      throw new ExpressionError("a slice is only allowed inside [...]");
    }
    throw new IllegalStateException("unknown node " + expr);
  }

  private PyValue lookup(String name, @Nullable Scope scope) {
    for (Scope s = scope; s != null; s = s.parent()) {
      if (s.name().equals(name)) {
        return s.value();
      }
    }
    PyValue global = namespace.lookup(name);
    if (global == null) {
      throw new ExpressionError(
          UNSUPPORTED_BUILTINS.contains(name)
              ? "builtin '" + name + "' is not supported in conditions"
              : "unknown name '" + name + "'");
    }
    return global;
  }

  private List<PyValue> evalAll(List<Expr> items, @Nullable Scope scope) {
    List<PyValue> values = new ArrayList<>(items.size());
    for (Expr item : items) {
      values.add(eval(item, scope));
    }
    return values;
  }

  private PyValue call(Expr.Call call, @Nullable Scope scope) {
    PyValue function =
        call.function() instanceof Expr.Attribute a
            ? attribute(a, scope)
            : eval(call.function(), scope);
    List<PyValue> arguments = evalAll(call.arguments(), scope);
    if (!(function instanceof PyValue.Function f)) {
      throw ExpressionError.typeError("'" + function.typeName() + "' object is not callable");
    }
    budget.charge(1);
    return f.body().call(arguments);
  }

  /** Evaluates an attribute that is about to be called. */
  private PyValue attribute(Expr.Attribute a, @Nullable Scope scope) {
    PyValue object = eval(a.object(), scope);
    try {
      return Attributes.get(object, a.name(), true);
    } catch (ExpressionError e) {
      throw e.locatedAt(a.column());
    }
  }

  private PyValue subscript(Expr.Subscript s, @Nullable Scope scope) {
    PyValue object = eval(s.object(), scope);
    if (s.index() instanceof Expr.Slice slice) {
      PyValue lower = slice.lower() == null ? null : eval(slice.lower(), scope);
      PyValue upper = slice.upper() == null ? null : eval(slice.upper(), scope);
      PyValue step = slice.step() == null ? null : eval(slice.step(), scope);
      PyValue result = Subscripts.slice(object, lower, upper, step);
      budget.charge(1 + length(result) / 64);
      return result;
    }
    return Subscripts.index(object, eval(s.index(), scope));
  }

  private static int length(PyValue value) {
    if (value instanceof PyValue.Str s) {
      return s.value().length();
    }
    List<PyValue> items = PyValue.tupleItemsOrNull(value);
    if (items == null && value instanceof PyValue.ListValue l) {
      items = l.items();
    }
    return items == null ? 0 : items.size();
  }

  private PyValue binary(Expr.Binary b, @Nullable Scope scope) {
    PyValue left = eval(b.left(), scope);
    PyValue right = eval(b.right(), scope);
    try {
      return switch (b.operator()) {
        case "+" -> PythonOperators.add(left, right, budget);
        case "-" -> PythonOperators.subtract(left, right);
        case "*" -> PythonOperators.multiply(left, right, budget);
        case "//" -> PythonOperators.floorDivide(left, right);
        case "%" -> PythonOperators.modulo(left, right);
        case "**" -> PythonOperators.power(left, right, budget);
        case "|", "^", "&" -> PythonOperators.bitwise(b.operator(), left, right);
        case "<<", ">>" -> PythonOperators.shift(b.operator(), left, right, budget);
        default -> throw new IllegalStateException(b.operator());
      };
    } catch (ExpressionError e) {
      throw e.locatedAt(b.column());
    }
  }

  private PyValue boolOp(Expr.BoolOp b, @Nullable Scope scope) {
    boolean isAnd = b.operator().equals("and");
    PyValue value = PyValue.NoneValue.NONE;
    for (Expr operand : b.operands()) {
      value = eval(operand, scope);
      if (value.isTruthy() != isAnd) {
        return value;
      }
    }
    return value;
  }

  private PyValue compare(Expr.Compare c, @Nullable Scope scope) {
    PyValue left = eval(c.left(), scope);
    for (int i = 0; i < c.operators().size(); i++) {
      Expr rightExpr = c.comparators().get(i);
      PyValue right = eval(rightExpr, scope);
      boolean holds;
      try {
        holds = PythonOperators.compare(c.operators().get(i), left, right);
      } catch (ExpressionError e) {
        throw e.locatedAt(rightExpr.column());
      }
      if (!holds) {
        return PyValue.Bool.FALSE;
      }
      left = right;
    }
    return PyValue.Bool.TRUE;
  }

  private PyValue dict(Expr.DictDisplay d, @Nullable Scope scope) {
    List<PyValue.Dict.Entry> entries = new ArrayList<>();
    for (int i = 0; i < d.keys().size(); i++) {
      PyValue key = eval(d.keys().get(i), scope);
      PyValue value = eval(d.values().get(i), scope);
      PythonOperators.requireHashable(key);
      boolean replaced = false;
      for (int j = 0; j < entries.size() && !replaced; j++) {
        if (PythonOperators.equal(entries.get(j).key(), key)) {
          entries.set(j, new PyValue.Dict.Entry(entries.get(j).key(), value));
          replaced = true;
        }
      }
      if (!replaced) {
        entries.add(new PyValue.Dict.Entry(key, value));
      }
    }
    return new PyValue.Dict(entries);
  }

  private PyValue comprehension(Expr.ListComp c, @Nullable Scope scope) {
    List<PyValue> results = new ArrayList<>();
    for (PyValue item : iterate(eval(c.iterable(), scope))) {
      budget.charge(1);
      Scope inner = bind(c, item, scope);
      boolean selected = true;
      for (Expr condition : c.conditions()) {
        if (!eval(condition, inner).isTruthy()) {
          selected = false;
          break;
        }
      }
      if (selected) {
        results.add(eval(c.element(), inner));
        if (results.size() > Budget.MAX_SEQUENCE_LENGTH) {
          budget.allocate(results.size());
        }
      }
    }
    return new PyValue.ListValue(results);
  }

  private static @Nullable Scope bind(Expr.ListComp c, PyValue item, @Nullable Scope scope) {
    if (!c.unpack()) {
      return new Scope(c.targets().get(0), item, scope);
    }
    List<PyValue> parts = iterate(item);
    int expected = c.targets().size();
    if (parts.size() < expected) {
      throw ExpressionError.valueError(
          "not enough values to unpack (expected " + expected + ", got " + parts.size() + ")");
    }
    if (parts.size() > expected) {
      throw ExpressionError.valueError("too many values to unpack (expected " + expected + ")");
    }
    Scope inner = scope;
    for (int i = 0; i < expected; i++) {
      inner = new Scope(c.targets().get(i), parts.get(i), inner);
    }
    return inner;
  }

  /** The items {@code for x in value} visits. */
  private static List<PyValue> iterate(PyValue value) {
    List<PyValue> items = PyValue.tupleItemsOrNull(value);
    if (items != null) {
      return items;
    }
    if (value instanceof PyValue.ListValue l) {
      return l.items();
    }
    if (value instanceof PyValue.Str s) {
      List<PyValue> chars = new ArrayList<>();
      s.value().codePoints().forEach(cp -> chars.add(new PyValue.Str(Character.toString(cp))));
      return chars;
    }
    if (value instanceof PyValue.Dict d) {
      List<PyValue> keys = new ArrayList<>();
      d.entries().forEach(e -> keys.add(e.key()));
      return keys;
    }
    throw ExpressionError.typeError("'" + value.typeName() + "' object is not iterable");
  }
}

package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The abstract syntax tree of a Python condition, produced by {@link Parser} and walked by {@link
 * Evaluator}. Every node records the 1-based column it starts at, for error messages.
 */
sealed interface Expr {

  /** 1-based column of the node in the expression. */
  int column();

  /** Direct sub-expressions, in evaluation order. */
  List<Expr> children();

  /** A literal {@code int}, {@code str}, {@code True}, {@code False} or {@code None}. */
  record Literal(PyValue value, int column) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of();
    }
  }

  /** A variable reference. */
  record Name(String id, int column) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of();
    }
  }

  /** {@code object.name}. */
  record Attribute(Expr object, String name, int column) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(object);
    }
  }

  /** {@code function(args...)} with positional arguments only. */
  record Call(Expr function, List<Expr> arguments, int column) implements Expr {
    public Call {
      arguments = List.copyOf(arguments);
    }

    @Override
    public List<Expr> children() {
      List<Expr> all = new ArrayList<>(arguments.size() + 1);
      all.add(function);
      all.addAll(arguments);
      return all;
    }
  }

  /** {@code object[index]}; {@code index} may be a {@link Slice}. */
  record Subscript(Expr object, Expr index, int column) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(object, index);
    }
  }

  /** {@code lower:upper:step} inside a subscript; each part is optional. */
  record Slice(@Nullable Expr lower, @Nullable Expr upper, @Nullable Expr step, int column)
      implements Expr {
    @Override
    public List<Expr> children() {
      List<Expr> all = new ArrayList<>(3);
      for (Expr e : new Expr[] {lower, upper, step}) {
        if (e != null) {
          all.add(e);
        }
      }
      return all;
    }
  }

  /** A prefix operator: {@code -}, {@code +}, {@code ~} or {@code not}. */
  record Unary(String operator, Expr operand, int column) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(operand);
    }
  }

  /** An arithmetic or bitwise operator: {@code + - * // % ** | ^ & << >>}. */
  record Binary(String operator, Expr left, Expr right, int column) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(left, right);
    }
  }

  /** {@code a and b and ...} or {@code a or b or ...}, short-circuiting. */
  record BoolOp(String operator, List<Expr> operands, int column) implements Expr {
    public BoolOp {
      operands = List.copyOf(operands);
    }

    @Override
    public List<Expr> children() {
      return operands;
    }
  }

  /** A possibly chained comparison {@code a < b <= c}; operators as written ({@code not in}). */
  record Compare(Expr left, List<String> operators, List<Expr> comparators, int column)
      implements Expr {
    public Compare {
      operators = List.copyOf(operators);
      comparators = List.copyOf(comparators);
    }

    @Override
    public List<Expr> children() {
      List<Expr> all = new ArrayList<>(comparators.size() + 1);
      all.add(left);
      all.addAll(comparators);
      return all;
    }
  }

  /** {@code body if test else orElse}. */
  record Conditional(Expr test, Expr body, Expr orElse, int column) implements Expr {
    @Override
    public List<Expr> children() {
      return List.of(test, body, orElse);
    }
  }

  /** A tuple display {@code (a, b)}. */
  record TupleDisplay(List<Expr> items, int column) implements Expr {
    public TupleDisplay {
      items = List.copyOf(items);
    }

    @Override
    public List<Expr> children() {
      return items;
    }
  }

  /** A list display {@code [a, b]}. */
  record ListDisplay(List<Expr> items, int column) implements Expr {
    public ListDisplay {
      items = List.copyOf(items);
    }

    @Override
    public List<Expr> children() {
      return items;
    }
  }

  /** A dict display {@code {k: v, ...}}. */
  record DictDisplay(List<Expr> keys, List<Expr> values, int column) implements Expr {
    public DictDisplay {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
    }

    @Override
    public List<Expr> children() {
      List<Expr> all = new ArrayList<>(keys.size() * 2);
      for (int i = 0; i < keys.size(); i++) {
        all.add(keys.get(i));
        all.add(values.get(i));
      }
      return all;
    }
  }

  /**
   * A list comprehension with a single {@code for}: {@code [element for targets in iterable if c1
   * if c2]}.
   *
   * @param targets the loop variable names
   * @param unpack whether the targets were written as a tuple ({@code for a, b in ...}), so each
   *     item is unpacked even when there is only one name
   */
  record ListComp(
      Expr element,
      List<String> targets,
      boolean unpack,
      Expr iterable,
      List<Expr> conditions,
      int column)
      implements Expr {
    public ListComp {
      targets = List.copyOf(targets);
      conditions = List.copyOf(conditions);
    }

    @Override
    public List<Expr> children() {
      List<Expr> all = new ArrayList<>(conditions.size() + 2);
      all.add(iterable);
      all.add(element);
      all.addAll(conditions);
      return all;
    }
  }
}

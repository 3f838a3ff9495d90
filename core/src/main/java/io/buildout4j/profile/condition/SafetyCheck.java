package io.buildout4j.profile.condition;

import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Static rejection of unsafe constructs before anything is evaluated, so that a forbidden call is
 * reported even where Python's short-circuiting would skip it: dunder names, private attributes,
 * dangerous builtins ({@code eval}, {@code exec}, {@code getattr}, ...) and module attributes that
 * are not allow-listed ({@code os.system}). Names that are merely unknown are left to evaluation,
 * which reports them only if they are reached, as Python does.
 */
final class SafetyCheck {
  private static final Set<String> FORBIDDEN_BUILTINS =
      Set.of(
          "eval",
          "exec",
          "compile",
          "getattr",
          "setattr",
          "delattr",
          "hasattr",
          "globals",
          "locals",
          "vars",
          "dir",
          "input",
          "breakpoint",
          "exit",
          "quit",
          "help",
          "type",
          "object",
          "super",
          "memoryview",
          "classmethod",
          "staticmethod",
          "property",
          "print",
          "id",
          "hash",
          "iter",
          "next",
          "copyright",
          "credits",
          "license");

  private final Namespace namespace;

  private SafetyCheck(Namespace namespace) {
    this.namespace = namespace;
  }

  /** Throws {@link ExpressionError} for the first unsafe construct in {@code root}. */
  static void check(Expr root, Namespace namespace) {
    new SafetyCheck(namespace).visit(root, Set.of(), false);
  }

  private void visit(Expr expr, Set<String> bound, boolean callee) {
    if (expr instanceof Expr.Name n) {
      checkName(n, bound, callee);
    } else if (expr instanceof Expr.Attribute a) {
      checkAttribute(a, bound, callee);
      visit(a.object(), bound, false);
    } else if (expr instanceof Expr.Call c) {
      visit(c.function(), bound, true);
      c.arguments().forEach(arg -> visit(arg, bound, false));
    } else if (expr instanceof Expr.ListComp comp) {
      visit(comp.iterable(), bound, false);
      Set<String> inner = new HashSet<>(bound);
      for (String target : comp.targets()) {
        if (target.startsWith("__")) {
          throw new ExpressionError("name '" + target + "' is not allowed", comp.column());
        }
        inner.add(target);
      }
      visit(comp.element(), inner, false);
      comp.conditions().forEach(c -> visit(c, inner, false));
    } else {
      expr.children().forEach(child -> visit(child, bound, false));
    }
  }

  private void checkName(Expr.Name name, Set<String> bound, boolean callee) {
    String id = name.id();
    if (id.startsWith("__")) {
      throw new ExpressionError("name '" + id + "' is not allowed", name.column());
    }
    if (!bound.contains(id) && FORBIDDEN_BUILTINS.contains(id)) {
      throw new ExpressionError(
          (callee ? "function " + id : "name '" + id + "'") + " is not allowed", name.column());
    }
  }

  private void checkAttribute(Expr.Attribute attribute, Set<String> bound, boolean callee) {
    if (attribute.name().startsWith("_")) {
      throw new ExpressionError(
          "attribute '" + attribute.name() + "' is not allowed", attribute.column());
    }
    PyValue.Module module = moduleOf(attribute.object(), bound);
    if (module != null && !module.attributes().containsKey(attribute.name())) {
      throw Attributes.notAllowed(module.name() + "." + attribute.name(), callee)
          .locatedAt(attribute.column());
    }
  }

  /** The module {@code expr} statically denotes ({@code os}, {@code os.path}), or null. */
  private PyValue.@Nullable Module moduleOf(Expr expr, Set<String> bound) {
    if (expr instanceof Expr.Name n && !bound.contains(n.id())) {
      return namespace.lookup(n.id()) instanceof PyValue.Module m ? m : null;
    }
    if (expr instanceof Expr.Attribute a) {
      PyValue.Module parent = moduleOf(a.object(), bound);
      if (parent == null) {
        return null;
      }
      var attribute = parent.attributes().get(a.name());
      if (attribute == null) {
        throw Attributes.notAllowed(parent.name() + "." + a.name(), false).locatedAt(a.column());
      }
      return attribute.get() instanceof PyValue.Module m ? m : null;
    }
    return null;
  }
}

package io.buildout4j.profile.condition;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rejects syntax trees deeper than {@link #MAX_DEPTH}, so that the recursive {@link SafetyCheck}
 * and {@link Evaluator} cannot overflow the stack. The parser bounds bracket nesting itself, but
 * long left-associative chains such as {@code 1+1+1+...} or {@code x[0][0][0]...} grow the tree
 * without recursing in the parser; this check walks the tree iteratively.
 */
final class NestingLimit {
  static final int MAX_DEPTH = 200;

  private NestingLimit() {}

  static void check(Expr root) {
    record Frame(Expr node, int depth) {}
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root, 1));
    while (!stack.isEmpty()) {
      Frame frame = stack.pop();
      if (frame.depth() > MAX_DEPTH) {
        throw new ExpressionError(
            "expression nested too deeply (more than " + MAX_DEPTH + " levels)",
            frame.node().column());
      }
      for (Expr child : frame.node().children()) {
        stack.push(new Frame(child, frame.depth() + 1));
      }
    }
  }
}

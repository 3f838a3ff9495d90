package io.buildout4j.profile.condition;

import java.util.List;

/**
 * The syntax tree of a PEP 508 environment marker, produced by {@link MarkerParser} and evaluated
 * by {@link MarkerEvaluator}.
 */
sealed interface MarkerExpr {

  /** One side of a comparison: an environment variable or a quoted string. */
  record Operand(boolean variable, String value) {}

  /** {@code left op right}, e.g. {@code python_version >= "3.9"}. */
  record Comparison(Operand left, String operator, Operand right, int column)
      implements MarkerExpr {}

  /**
   * Terms joined by {@code and}/{@code or}; {@code operators.get(i)} joins {@code terms.get(i)} and
   * {@code terms.get(i + 1)}. A parenthesized marker is a nested chain.
   */
  record Chain(List<MarkerExpr> terms, List<String> operators) implements MarkerExpr {
    public Chain {
      terms = List.copyOf(terms);
      operators = List.copyOf(operators);
    }
  }
}

package io.buildout4j.profile.condition;

import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a conditional section header {@code [section:EXPR]} is active.
 *
 * <p>The profile parser creates one evaluator per resolution (for the {@link TargetEnvironment} the
 * profile is resolved for) and calls {@link #evaluate(String)} with the text after the colon of
 * each header that has a non-empty condition. It mirrors zc.buildout 4.1.12:
 *
 * <ol>
 *   <li>The literal texts {@code \x23} and {@code \x3b} are replaced by {@code #} and {@code ;}.
 *   <li>If the condition is a valid PEP 508 environment marker ({@code python_version >= "3.9"},
 *       {@code sys_platform == "linux" and platform_machine == "x86_64"}), it is evaluated as
 *       {@code packaging} does.
 *   <li>Otherwise it is evaluated as the Python expression {@code [EXPR][0]} in a safe subset of
 *       Python with buildout's namespace ({@code linux}, {@code python3}, {@code sys}, {@code
 *       platform}, {@code os.path.isdir}, ...), and the first element's truthiness decides.
 * </ol>
 *
 * <p>Nothing is executed: unsupported syntax, forbidden functions ({@code os.system}, {@code eval},
 * dunder attributes, ...) and any error Python would raise are reported as a {@link
 * ConditionException}. File-system probes ({@code os.path.isdir}, {@code os.access}, {@code
 * open(...).read()}, {@code platform.freedesktop_os_release()}) read the real file system of this
 * machine when they are reached. Instances are immutable and safe for concurrent use.
 */
public final class ConditionEvaluator {
  private final MarkerEvaluator markers;
  private final Namespace namespace;

  /** An evaluator answering as the given target interpreter and platform would. */
  public ConditionEvaluator(TargetEnvironment target) {
    this(target, new HostFileSystem());
  }

  /** An evaluator whose file-system probes go through {@code files} (tests use this). */
  ConditionEvaluator(TargetEnvironment target, HostFileSystem files) {
    Objects.requireNonNull(target, "target");
    this.markers = new MarkerEvaluator(target);
    this.namespace = new Namespace(target, files);
  }

  /**
   * Returns the truth of a section condition.
   *
   * @param expression the text between {@code :} and {@code ]} of a section header, not blank
   * @throws ConditionException if the condition is not valid, uses something outside the supported
   *     language, or fails as Python would; the message says what and where, and ends with {@code
   *     in: <expression>}
   */
  public boolean evaluate(String expression) {
    Objects.requireNonNull(expression, "expression");
    String source = expression.replace("\\x23", "#").replace("\\x3b", ";");
    try {
      Optional<MarkerExpr> marker = MarkerParser.parse(source);
      if (marker.isPresent()) {
        return markers.evaluate(marker.get());
      }
      Expr condition = Parser.parseCondition(source);
      NestingLimit.check(condition);
      SafetyCheck.check(condition, namespace);
      return Evaluator.evaluateCondition(condition, namespace);
    } catch (ExpressionError e) {
      throw new ConditionException(describe(e, source));
    }
  }

  private static String describe(ExpressionError error, String source) {
    String where = error.column() > 0 ? " at column " + error.column() : "";
    return error.getMessage() + where + " in: " + source;
  }
}

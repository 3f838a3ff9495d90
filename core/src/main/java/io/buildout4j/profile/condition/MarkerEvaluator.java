package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a PEP 508 marker against a {@link TargetEnvironment} as {@code
 * packaging.markers.Marker.evaluate()} does: every comparison is evaluated (no short-circuit),
 * {@code and} binds tighter than {@code or}; a comparison uses PEP 440 version semantics when the
 * operator and right-hand side form a valid version specifier and the left-hand side is a valid
 * version, otherwise string semantics for {@code ==}, {@code !=}, {@code in} and {@code not in};
 * any other operator on non-versions is an error. {@code extra} is the empty string.
 */
final class MarkerEvaluator {
  private final Map<String, String> environment;

  MarkerEvaluator(TargetEnvironment target) {
    this.environment =
        Map.ofEntries(
            Map.entry("implementation_name", target.implementation()),
            Map.entry("implementation_version", target.pythonFullVersion()),
            Map.entry("os_name", target.osName()),
            Map.entry("platform_machine", target.platformMachine()),
            Map.entry("platform_release", target.platformRelease()),
            Map.entry("platform_system", target.platformSystem()),
            Map.entry("platform_version", target.platformVersion()),
            Map.entry("python_full_version", target.pythonFullVersion()),
            Map.entry("platform_python_implementation", target.platformPythonImplementation()),
            Map.entry("python_version", target.pythonVersion()),
            Map.entry("sys_platform", target.sysPlatform()),
            Map.entry("extra", ""));
  }

  boolean evaluate(MarkerExpr marker) {
    if (marker instanceof MarkerExpr.Comparison c) {
      try {
        return comparison(c);
      } catch (ExpressionError e) {
        throw e.locatedAt(c.column());
      }
    }
    MarkerExpr.Chain chain = (MarkerExpr.Chain) marker;
    List<List<Boolean>> groups = new ArrayList<>();
    groups.add(new ArrayList<>());
    for (int i = 0; i < chain.terms().size(); i++) {
      if (i > 0 && chain.operators().get(i - 1).equals("or")) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(evaluate(chain.terms().get(i)));
    }
    return groups.stream().anyMatch(g -> g.stream().allMatch(Boolean::booleanValue));
  }

  private boolean comparison(MarkerExpr.Comparison c) {
    String key;
    String lhs;
    String rhs;
    if (c.left().variable()) {
      key = c.left().value();
      lhs = environment.get(key);
      rhs = c.right().value(); // packaging uses the right side as written, even a variable name
    } else {
      key = c.right().value();
      if (!c.right().variable()) {
        throw new ExpressionError(
            "UndefinedEnvironmentName: "
                + PythonRepr.quote(key)
                + " does not exist in evaluation environment (this PEP 508 marker compares two"
                + " strings)");
      }
      lhs = c.left().value();
      rhs = environment.get(key);
    }
    if (key.equals("extra")) {
      lhs = canonicalizeName(lhs);
      rhs = canonicalizeName(rhs);
    }
    return compare(lhs, c.operator(), rhs);
  }

  private static boolean compare(String lhs, String operator, String rhs) {
    if (operator.equals("in")) {
      return rhs.contains(lhs);
    }
    if (operator.equals("not in")) {
      return !rhs.contains(lhs);
    }
    VersionSpecifier specifier = VersionSpecifier.parse(operator + rhs);
    if (specifier != null) {
      if (specifier.isArbitraryEquality()) {
        return lhs.strip()
            .toLowerCase(Locale.ROOT)
            .equals(specifier.version().toLowerCase(Locale.ROOT));
      }
      Pep440Version version = Pep440Version.parse(lhs);
      if (version != null) {
        return specifier.contains(version);
      }
    }
    return switch (operator) {
      case "==" -> lhs.equals(rhs);
      case "!=" -> !lhs.equals(rhs);
      default ->
          throw new ExpressionError(
              "invalid marker comparison "
                  + PythonRepr.quote(lhs)
                  + " "
                  + operator
                  + " "
                  + PythonRepr.quote(rhs)
                  + ": '"
                  + operator
                  + "' needs PEP 440 versions on both sides");
    };
  }

  /** PEP 503 name normalization, as packaging applies to {@code extra}. */
  private static String canonicalizeName(String name) {
    return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }
}

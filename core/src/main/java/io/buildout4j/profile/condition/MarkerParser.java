package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognizes PEP 508 environment markers with the grammar and tokens of {@code
 * packaging.markers.Marker} (packaging 22 and later): {@code marker_var op marker_var} joined by
 * {@code and}/{@code or} with parentheses, where a marker_var is a quoted string or an environment
 * variable (including the legacy dotted aliases {@code os.name}, {@code sys.platform}, {@code
 * platform.machine}, ...). Anything else is "not a marker" and goes to the Python evaluator.
 */
final class MarkerParser {
  private static final Pattern LEFT_PARENTHESIS = Pattern.compile("\\(");
  private static final Pattern RIGHT_PARENTHESIS = Pattern.compile("\\)");
  private static final Pattern QUOTED_STRING = Pattern.compile("'[^']*'|\"[^\"]*\"");
  private static final Pattern OP = Pattern.compile("===|==|~=|!=|<=|>=|<|>");
  private static final Pattern BOOLOP = Pattern.compile("\\b(?:or|and)\\b");
  private static final Pattern IN = Pattern.compile("\\bin\\b");
  private static final Pattern NOT = Pattern.compile("\\bnot\\b");
  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\b(?:python_version|python_full_version|os[._]name|sys[._]platform"
              + "|platform_(?:release|system)|platform[._](?:version|machine|python_implementation)"
              + "|python_implementation|implementation_(?:name|version)|extra)\\b");
  private static final Pattern WS = Pattern.compile("[ \\t]+");

  /** Thrown internally when the text is not a marker. */
  private static final class NotAMarker extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAMarker() {
      super(null, null, false, false);
    }
  }

  private final String source;
  private int pos;
  private int depth;

  private MarkerParser(String source) {
    this.source = source;
  }

  /** The marker {@code source} denotes, or empty if it is not a valid PEP 508 marker. */
  static Optional<MarkerExpr> parse(String source) {
    MarkerParser parser = new MarkerParser(source);
    try {
      MarkerExpr marker = parser.marker();
      if (parser.pos != source.length()) {
        return Optional.empty();
      }
      return Optional.of(marker);
    } catch (NotAMarker e) {
      return Optional.empty();
    }
  }

  private @Nullable String accept(Pattern rule) {
    Matcher m = rule.matcher(source);
    m.region(pos, source.length()).useTransparentBounds(true).useAnchoringBounds(false);
    if (!m.lookingAt()) {
      return null;
    }
    pos = m.end();
    return m.group();
  }

  private String expect(Pattern rule) {
    String text = accept(rule);
    if (text == null) {
      throw new NotAMarker();
    }
    return text;
  }

  /** {@code marker_atom (BOOLOP marker_atom)*}. */
  private MarkerExpr marker() {
    List<MarkerExpr> terms = new ArrayList<>();
    List<String> operators = new ArrayList<>();
    terms.add(atom());
    String op;
    while ((op = accept(BOOLOP)) != null) {
      operators.add(op);
      terms.add(atom());
    }
    return terms.size() == 1 ? terms.get(0) : new MarkerExpr.Chain(terms, operators);
  }

  /** {@code WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?}. */
  private MarkerExpr atom() {
    accept(WS);
    MarkerExpr result;
    if (accept(LEFT_PARENTHESIS) != null) {
      if (++depth > Parser.MAX_NESTING) {
        throw new ExpressionError(
            "expression nested too deeply (more than " + Parser.MAX_NESTING + " levels)", pos + 1);
      }
      accept(WS);
      MarkerExpr inner = marker();
      accept(WS);
      expect(RIGHT_PARENTHESIS);
      depth--;
      result =
          inner instanceof MarkerExpr.Chain
              ? inner
              : new MarkerExpr.Chain(List.of(inner), List.of());
    } else {
      result = item();
    }
    accept(WS);
    return result;
  }

  /** {@code marker_var WS? marker_op WS? marker_var}. */
  private MarkerExpr item() {
    int column = pos + 1;
    MarkerExpr.Operand left = variable();
    accept(WS);
    String operator = operator();
    accept(WS);
    MarkerExpr.Operand right = variable();
    return new MarkerExpr.Comparison(left, operator, right, column);
  }

  private MarkerExpr.Operand variable() {
    String name = accept(VARIABLE);
    if (name != null) {
      name = name.replace('.', '_');
      if (name.equals("python_implementation")) {
        name = "platform_python_implementation";
      }
      return new MarkerExpr.Operand(true, name);
    }
    int start = pos;
    String quoted = accept(QUOTED_STRING);
    if (quoted == null) {
      throw new NotAMarker();
    }
    String body = quoted.substring(1, quoted.length() - 1);
    int trailingBackslashes = body.length() - body.replaceAll("\\\\+$", "").length();
    if (trailingBackslashes % 2 == 1) {
      throw new NotAMarker(); // the closing quote is escaped: not a string literal
    }
    try {
      return new MarkerExpr.Operand(false, PythonStringLiteral.decode(body, false, start + 1));
    } catch (ExpressionError e) {
      throw new NotAMarker();
    }
  }

  private String operator() {
    if (accept(IN) != null) {
      return "in";
    }
    if (accept(NOT) != null) {
      expect(WS);
      expect(IN);
      return "not in";
    }
    return expect(OP);
  }
}

package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recursive-descent parser for the supported Python expression subset, following Python 3.11's
 * grammar and precedence. Like buildout, it parses the condition as the contents of a list display
 * ({@code [EXPR]}), so a top-level {@code a, b} or {@code x for x in y} is a list whose first
 * element decides.
 *
 * <p>Recursion is bounded by {@link #MAX_NESTING}; anything outside the subset is rejected with an
 * {@link ExpressionError} naming the construct and its column.
 */
final class Parser {

  /**
   * Maximum nesting of sub-expressions (brackets, arguments, {@code not}, unary operators). CPython
   * allows 200 nested parentheses; conditions never come close, and this bound keeps parsing within
   * about 150 KB of stack.
   */
  static final int MAX_NESTING = 50;

  private static final Set<String> UNSUPPORTED_KEYWORDS =
      Set.of(
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "except",
          "finally",
          "from",
          "global",
          "import",
          "lambda",
          "nonlocal",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");

  private static final Set<String> EXPRESSION_KEYWORDS =
      Set.of("and", "or", "not", "in", "is", "if", "else", "for");

  private static final Set<String> ASSIGNMENTS =
      Set.of("=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@=");

  private static final Set<String> COMPARISONS = Set.of("<", ">", "==", "!=", "<=", ">=");

  private final List<Token> tokens;
  private int index;
  private int depth;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /**
   * Parses a whole condition as the contents of {@code [...]}: the result is a {@link
   * Expr.ListDisplay} or {@link Expr.ListComp}.
   */
  static Expr parseCondition(String source) {
    Parser parser = new Parser(Tokenizer.tokenize(source));
    if (parser.peek().kind() == Token.Kind.END) {
      throw new ExpressionError("empty condition", 1);
    }
    Expr result = parser.listContents(1, Token.Kind.END, "");
    parser.expectEnd();
    return result;
  }

  // ---- token helpers ----

  private Token peek() {
    return tokens.get(index);
  }

  private Token peekAhead() {
    return tokens.get(Math.min(index + 1, tokens.size() - 1));
  }

  private Token advance() {
    Token token = tokens.get(index);
    if (token.kind() != Token.Kind.END) {
      index++;
    }
    return token;
  }

  private boolean acceptOperator(String op) {
    if (peek().isOperator(op)) {
      index++;
      return true;
    }
    return false;
  }

  private boolean acceptKeyword(String keyword) {
    if (peek().isKeyword(keyword)) {
      index++;
      return true;
    }
    return false;
  }

  private void expectOperator(String op) {
    if (!acceptOperator(op)) {
      throw unexpected(peek(), "'" + op + "'");
    }
  }

  private void expectEnd() {
    if (peek().kind() != Token.Kind.END) {
      throw unexpected(peek(), "end of expression");
    }
  }

  private void enter(Token at) {
    if (++depth > MAX_NESTING) {
      throw new ExpressionError(
          "expression nested too deeply (more than " + MAX_NESTING + " levels)", at.column());
    }
  }

  private void leave() {
    depth--;
  }

  /** The error for a token that cannot continue the expression here. */
  private ExpressionError unexpected(Token token, String expected) {
    String text = token.text();
    String message;
    if (token.kind() == Token.Kind.END) {
      message = "unexpected end of expression, expected " + expected;
    } else if (token.kind() == Token.Kind.NAME && UNSUPPORTED_KEYWORDS.contains(text)) {
      message = "unsupported syntax '" + text + "'";
    } else if (token.kind() == Token.Kind.OPERATOR && ASSIGNMENTS.contains(text)) {
      message = "assignment '" + text + "' is not allowed";
    } else if (token.isOperator(":=")) {
      message = "assignment expressions ':=' are not allowed";
    } else if (token.isOperator(";")) {
      message = "unsupported syntax ';' (only a single expression is allowed)";
    } else if (token.isOperator("/")) {
      message = "true division '/' is not supported (it yields a float); use '//'";
    } else if (token.kind() == Token.Kind.OPERATOR && Set.of("@", "<>", "->").contains(text)) {
      message = "unsupported operator '" + text + "'";
    } else if (token.isOperator("...")) {
      message = "unsupported syntax '...'";
    } else {
      message = "unexpected " + token.describe() + ", expected " + expected;
    }
    return new ExpressionError(message, token.column());
  }

  // ---- grammar ----

  /** {@code test (',' test)* [','] | test comp_for}, up to {@code closing}. */
  private Expr listContents(int column, Token.Kind closingKind, String closingText) {
    if (isClosing(closingKind, closingText)) {
      return new Expr.ListDisplay(List.of(), column);
    }
    Expr first = test();
    if (peek().isKeyword("for")) {
      return comprehension(first, column);
    }
    List<Expr> items = new ArrayList<>();
    items.add(first);
    while (acceptOperator(",")) {
      if (isClosing(closingKind, closingText)) {
        break;
      }
      items.add(test());
    }
    return new Expr.ListDisplay(items, column);
  }

  private boolean isClosing(Token.Kind kind, String text) {
    Token token = peek();
    return token.kind() == kind && (kind == Token.Kind.END || token.text().equals(text));
  }

  private Expr comprehension(Expr element, int column) {
    Token forToken = advance();
    List<String> targets = new ArrayList<>();
    boolean parenthesized = acceptOperator("(");
    boolean unpack = false;
    do {
      Token name = advance();
      if (name.kind() != Token.Kind.NAME
          || EXPRESSION_KEYWORDS.contains(name.text())
          || UNSUPPORTED_KEYWORDS.contains(name.text())
          || Set.of("True", "False", "None").contains(name.text())) {
        throw unexpected(name, "a loop variable name");
      }
      targets.add(name.text());
      if (!peek().isOperator(",")) {
        break;
      }
      advance();
      unpack = true;
    } while (peek().kind() == Token.Kind.NAME && !peek().isKeyword("in"));
    if (parenthesized) {
      expectOperator(")");
    }
    if (!acceptKeyword("in")) {
      throw unexpected(peek(), "'in'");
    }
    Expr iterable = orTest();
    List<Expr> conditions = new ArrayList<>();
    while (acceptKeyword("if")) {
      conditions.add(orTest());
    }
    if (peek().isKeyword("for")) {
      throw new ExpressionError(
          "nested 'for' in a comprehension is not supported", peek().column());
    }
    return new Expr.ListComp(element, targets, unpack, iterable, conditions, forToken.column());
  }

  /** {@code or_test ['if' or_test 'else' test]}. */
  private Expr test() {
    Token start = peek();
    enter(start);
    Expr body = orTest();
    if (acceptKeyword("if")) {
      Expr condition = orTest();
      if (!acceptKeyword("else")) {
        throw unexpected(peek(), "'else'");
      }
      Expr orElse = test();
      body = new Expr.Conditional(condition, body, orElse, start.column());
    }
    leave();
    return body;
  }

  private Expr orTest() {
    Token start = peek();
    Expr first = andTest();
    if (!peek().isKeyword("or")) {
      return first;
    }
    List<Expr> operands = new ArrayList<>();
    operands.add(first);
    while (acceptKeyword("or")) {
      operands.add(andTest());
    }
    return new Expr.BoolOp("or", operands, start.column());
  }

  private Expr andTest() {
    Token start = peek();
    Expr first = notTest();
    if (!peek().isKeyword("and")) {
      return first;
    }
    List<Expr> operands = new ArrayList<>();
    operands.add(first);
    while (acceptKeyword("and")) {
      operands.add(notTest());
    }
    return new Expr.BoolOp("and", operands, start.column());
  }

  private Expr notTest() {
    Token start = peek();
    if (acceptKeyword("not")) {
      enter(start);
      Expr operand = notTest();
      leave();
      return new Expr.Unary("not", operand, start.column());
    }
    return comparison();
  }

  private Expr comparison() {
    Token start = peek();
    Expr left = bitwiseOr();
    List<String> operators = new ArrayList<>();
    List<Expr> comparators = new ArrayList<>();
    while (true) {
      String op = comparisonOperator();
      if (op == null) {
        break;
      }
      operators.add(op);
      comparators.add(bitwiseOr());
    }
    return operators.isEmpty()
        ? left
        : new Expr.Compare(left, operators, comparators, start.column());
  }

  private @Nullable String comparisonOperator() {
    Token token = peek();
    if (token.kind() == Token.Kind.OPERATOR && COMPARISONS.contains(token.text())) {
      advance();
      return token.text();
    }
    if (token.isKeyword("in")) {
      advance();
      return "in";
    }
    if (token.isKeyword("not") && peekAhead().isKeyword("in")) {
      advance();
      advance();
      return "not in";
    }
    if (token.isKeyword("is")) {
      advance();
      return acceptKeyword("not") ? "is not" : "is";
    }
    return null;
  }

  private Expr bitwiseOr() {
    Expr left = bitwiseXor();
    while (peek().isOperator("|")) {
      Token op = advance();
      left = new Expr.Binary(op.text(), left, bitwiseXor(), op.column());
    }
    return left;
  }

  private Expr bitwiseXor() {
    Expr left = bitwiseAnd();
    while (peek().isOperator("^")) {
      Token op = advance();
      left = new Expr.Binary(op.text(), left, bitwiseAnd(), op.column());
    }
    return left;
  }

  private Expr bitwiseAnd() {
    Expr left = shift();
    while (peek().isOperator("&")) {
      Token op = advance();
      left = new Expr.Binary(op.text(), left, shift(), op.column());
    }
    return left;
  }

  private Expr shift() {
    Expr left = arithmetic();
    while (peek().isOperator("<<") || peek().isOperator(">>")) {
      Token op = advance();
      left = new Expr.Binary(op.text(), left, arithmetic(), op.column());
    }
    return left;
  }

  private Expr arithmetic() {
    Expr left = term();
    while (peek().isOperator("+") || peek().isOperator("-")) {
      Token op = advance();
      left = new Expr.Binary(op.text(), left, term(), op.column());
    }
    return left;
  }

  private Expr term() {
    Expr left = factor();
    while (peek().isOperator("*") || peek().isOperator("//") || peek().isOperator("%")) {
      Token op = advance();
      left = new Expr.Binary(op.text(), left, factor(), op.column());
    }
    return left;
  }

  private Expr factor() {
    Token token = peek();
    if (token.isOperator("-") || token.isOperator("+") || token.isOperator("~")) {
      advance();
      enter(token);
      Expr operand = factor();
      leave();
      return new Expr.Unary(token.text(), operand, token.column());
    }
    return power();
  }

  /** {@code atom trailer* ['**' factor]}: binds tighter than a unary minus on its left. */
  private Expr power() {
    Expr base = trailers(atom());
    if (peek().isOperator("**")) {
      Token op = advance();
      enter(op);
      Expr exponent = factor();
      leave();
      return new Expr.Binary("**", base, exponent, op.column());
    }
    return base;
  }

  private Expr trailers(Expr expr) {
    while (true) {
      Token token = peek();
      if (acceptOperator("(")) {
        expr = new Expr.Call(expr, arguments(), token.column());
      } else if (acceptOperator("[")) {
        Expr index = subscript();
        expectOperator("]");
        expr = new Expr.Subscript(expr, index, token.column());
      } else if (acceptOperator(".")) {
        Token name = advance();
        if (name.kind() != Token.Kind.NAME) {
          throw unexpected(name, "an attribute name");
        }
        expr = new Expr.Attribute(expr, name.text(), name.column());
      } else {
        return expr;
      }
    }
  }

  private List<Expr> arguments() {
    List<Expr> arguments = new ArrayList<>();
    while (!peek().isOperator(")")) {
      Token start = peek();
      if (start.isOperator("*") || start.isOperator("**")) {
        throw new ExpressionError("argument unpacking is not supported", start.column());
      }
      Expr argument = test();
      if (peek().isOperator("=") && argument instanceof Expr.Name) {
        throw new ExpressionError("keyword arguments are not supported", start.column());
      }
      if (peek().isKeyword("for")) {
        throw new ExpressionError("generator expressions are not supported", peek().column());
      }
      arguments.add(argument);
      if (!acceptOperator(",")) {
        break;
      }
    }
    expectOperator(")");
    return arguments;
  }

  /** {@code subscript (',' subscript)* [',']}; several give a tuple index. */
  private Expr subscript() {
    Token start = peek();
    Expr first = sliceOrTest();
    if (!peek().isOperator(",")) {
      return first;
    }
    List<Expr> items = new ArrayList<>();
    items.add(first);
    while (acceptOperator(",")) {
      if (peek().isOperator("]")) {
        break;
      }
      items.add(sliceOrTest());
    }
    for (Expr item : items) {
      if (item instanceof Expr.Slice) {
        throw new ExpressionError("multi-dimensional slices are not supported", item.column());
      }
    }
    return new Expr.TupleDisplay(items, start.column());
  }

  private Expr sliceOrTest() {
    Token start = peek();
    Expr lower = null;
    if (!start.isOperator(":")) {
      lower = test();
      if (!peek().isOperator(":")) {
        return lower;
      }
    }
    expectOperator(":");
    Expr upper = startsExpression() ? test() : null;
    Expr step = null;
    if (acceptOperator(":") && startsExpression()) {
      step = test();
    }
    return new Expr.Slice(lower, upper, step, start.column());
  }

  private boolean startsExpression() {
    Token token = peek();
    return !(token.isOperator("]") || token.isOperator(":") || token.isOperator(","));
  }

  private Expr atom() {
    Token token = advance();
    switch (token.kind()) {
      case NUMBER -> {
        return new Expr.Literal(token.value(), token.column());
      }
      case STRING -> {
        StringBuilder text = new StringBuilder(((PyValue.Str) token.value()).value());
        while (peek().kind() == Token.Kind.STRING) {
          text.append(((PyValue.Str) advance().value()).value());
        }
        return new Expr.Literal(new PyValue.Str(text.toString()), token.column());
      }
      case NAME -> {
        return name(token);
      }
      case OPERATOR -> {
        return bracketed(token);
      }
      default -> throw unexpected(token, "an expression");
    }
  }

  private Expr name(Token token) {
    switch (token.text()) {
      case "True" -> {
        return new Expr.Literal(PyValue.Bool.TRUE, token.column());
      }
      case "False" -> {
        return new Expr.Literal(PyValue.Bool.FALSE, token.column());
      }
      case "None" -> {
        return new Expr.Literal(PyValue.NoneValue.NONE, token.column());
      }
      default -> {
        if (EXPRESSION_KEYWORDS.contains(token.text())
            || UNSUPPORTED_KEYWORDS.contains(token.text())) {
          throw unexpected(token, "an expression");
        }
        return new Expr.Name(token.text(), token.column());
      }
    }
  }

  private Expr bracketed(Token open) {
    switch (open.text()) {
      case "(" -> {
        Expr result = parenthesized(open);
        expectOperator(")");
        return result;
      }
      case "[" -> {
        Expr result = listContents(open.column(), Token.Kind.OPERATOR, "]");
        expectOperator("]");
        return result;
      }
      case "{" -> {
        Expr result = dict(open);
        expectOperator("}");
        return result;
      }
      default -> throw unexpected(open, "an expression");
    }
  }

  private Expr parenthesized(Token open) {
    if (peek().isOperator(")")) {
      return new Expr.TupleDisplay(List.of(), open.column());
    }
    Expr first = test();
    if (peek().isKeyword("for")) {
      throw new ExpressionError("generator expressions are not supported", peek().column());
    }
    if (!peek().isOperator(",")) {
      return first;
    }
    List<Expr> items = new ArrayList<>();
    items.add(first);
    while (acceptOperator(",")) {
      if (peek().isOperator(")")) {
        break;
      }
      items.add(test());
    }
    return new Expr.TupleDisplay(items, open.column());
  }

  private Expr dict(Token open) {
    List<Expr> keys = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (!peek().isOperator("}")) {
      if (peek().isOperator("**")) {
        throw new ExpressionError("dict unpacking is not supported", peek().column());
      }
      Expr key = test();
      if (!peek().isOperator(":")) {
        throw new ExpressionError("set displays are not supported", open.column());
      }
      advance();
      values.add(test());
      keys.add(key);
      if (peek().isKeyword("for")) {
        throw new ExpressionError("dict comprehensions are not supported", peek().column());
      }
      if (!acceptOperator(",")) {
        break;
      }
    }
    return new Expr.DictDisplay(keys, values, open.column());
  }
}

package io.buildout4j.cookbook;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import com.hubspot.jinjava.util.ScopeMap;
import io.buildout4j.recipe.RecipeException;
import java.beans.FeatureDescriptor;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import org.jspecify.annotations.Nullable;

/**
 * Renders Jinja2 templates with Jinjava, configured to behave as the Jinja2 environment of {@code
 * slapos.recipe.template:jinja2}: Python-like output of lists and dicts, {@code for k in dict}
 * iterating keys, Jinja2's operator precedence, one trailing newline of each template dropped, and
 * undefined names as errors (Jinja2's {@code StrictUndefined}): a variable, or a key of a dict,
 * that does not exist fails the rendering, unless the expression tests it with {@code is defined} /
 * {@code is undefined} or gives it a {@code default}.
 */
final class Jinja2Renderer {
  private static final ELResolver STRICT_MAPS = new StrictMapResolver();

  private Jinja2Renderer() {}

  /** Finds templates by the names {@code {% import %}} and {@code {% include %}} use. */
  interface Templates {
    /**
     * The text of the template named {@code name}.
     *
     * @throws ResourceNotFoundException if there is none
     */
    String read(String name) throws IOException;
  }

  /**
   * Renders {@code template} with {@code context}.
   *
   * @param where what the template is, for error messages
   * @return the rendered text
   * @throws RecipeException listing every error (line and message) if the rendering fails
   */
  static String render(
      String template, Map<String, Object> context, Templates templates, String where) {
    JinjavaConfig config =
        JinjavaConfig.newBuilder()
            .withElResolver(STRICT_MAPS)
            .withInterperterFactory(
                new InterpreterFactory() {
                  @Override
                  public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
                    return new StrictInterpreter(orig);
                  }

                  @Override
                  public JinjavaInterpreter newInstance(
                      Jinjava application, Context context, JinjavaConfig renderConfig) {
                    return new StrictInterpreter(application, context, renderConfig);
                  }
                })
            .withLegacyOverrides(
                LegacyOverrides.newBuilder()
                    .withUsePyishObjectMapper(true)
                    .withIterateOverMapKeys(true)
                    .withUseNaturalOperatorPrecedence(true)
                    .withParseWhitespaceControlStrictly(true)
                    .withAllowAdjacentTextNodes(true)
                    .withUseTrimmingForNotesAndExpressions(true)
                    .withKeepNullableLoopValues(true)
                    .withEvaluateMapKeys(true)
                    .build())
            .build();
    Jinjava jinjava = new Jinjava(config);
    jinjava.setResourceLocator(
        new ResourceLocator() {
          @Override
          public String getString(String name, Charset encoding, JinjavaInterpreter interpreter)
              throws IOException {
            return dropTrailingNewline(templates.read(name));
          }
        });
    RenderResult result;
    try {
      result = jinjava.renderForResult(dropTrailingNewline(template), context);
    } catch (RuntimeException e) {
      throw new RecipeException("Cannot render " + where + ": " + e.getMessage(), e);
    }
    List<String> errors = new ArrayList<>();
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        errors.add(
            (error.getLineno() > 0 ? "line " + error.getLineno() + ": " : "")
                + (error.getMessage() == null ? "error" : error.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new RecipeException("Cannot render " + where + ":\n  " + String.join("\n  ", errors));
    }
    return result.getOutput();
  }

  /** Jinja2's default ({@code keep_trailing_newline = False}): one final newline is dropped. */
  static String dropTrailingNewline(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    if (text.endsWith("\n") || text.endsWith("\r")) {
      return text.substring(0, text.length() - 1);
    }
    return text;
  }

  /** Reads undefined names as errors, remembering which expression is being evaluated. */
  private static final class StrictInterpreter extends JinjavaInterpreter {
    private final Deque<String> expressions = new ArrayDeque<>();

    StrictInterpreter(Jinjava application, Context context, JinjavaConfig config) {
      super(application, context, config);
    }

    StrictInterpreter(JinjavaInterpreter orig) {
      super(orig);
    }

    @Override
    public Object resolveELExpression(String expression, int lineNumber) {
      expressions.push(expression);
      try {
        return super.resolveELExpression(expression, lineNumber);
      } finally {
        expressions.pop();
      }
    }

    @Override
    public Object resolveELExpression(String expression, int lineNumber, int position) {
      expressions.push(expression);
      try {
        return super.resolveELExpression(expression, lineNumber, position);
      } finally {
        expressions.pop();
      }
    }

    @Override
    public Object retraceVariable(String variable, int lineNumber, int startPosition) {
      Object value = super.retraceVariable(variable, lineNumber, startPosition);
      if (value == null
          && !variable.equals("None")
          && !variable.equals("none")
          && !defined(getContext(), variable)
          && !guarded(variableReference(variable))) {
        undefined("undefined variable '" + variable + "'", variable, lineNumber, startPosition);
      }
      return value;
    }

    void missingKey(Object key) {
      String name = String.valueOf(key);
      String expression = expressions.peek();
      if (expression == null
          || Pattern.compile("\\." + Pattern.quote(name) + "\\s*\\(").matcher(expression).find()
          || guarded(keyReference(name))) {
        return; // a method call (d.get(...)), or a guarded lookup
      }
      undefined(
          "no key '" + name + "' in `" + expression.strip() + "`",
          name,
          getLineNumber(),
          getPosition());
    }

    private void undefined(String message, String name, int line, int position) {
      addError(
          new TemplateError(
              TemplateError.ErrorType.FATAL,
              TemplateError.ErrorReason.UNKNOWN,
              TemplateError.ErrorItem.TOKEN,
              message,
              name,
              line,
              position,
              null));
    }

    /** Whether the expression being evaluated tests the reference or gives it a default. */
    private boolean guarded(String reference) {
      String expression = expressions.peek();
      return expression != null
          && Pattern.compile(
                  reference
                      + "(\\s*(\\.\\w+|\\[[^\\]]*\\]))*\\s*"
                      + "(is\\s+(not\\s+)?(defined|undefined)\\b|\\|\\s*(default|d)\\b)")
              .matcher(expression)
              .find();
    }

    private static String variableReference(String variable) {
      return "(?<![\\w.])" + Pattern.quote(variable);
    }

    private static String keyReference(String key) {
      return "(\\."
          + Pattern.quote(key)
          + "\\b|\\[\\s*['\"]"
          + Pattern.quote(key)
          + "['\"]\\s*\\])";
    }

    /** Whether a scope holds the name, even with a null (None) value. */
    private static boolean defined(Context context, String name) {
      for (ScopeMap<String, Object> scope = context; scope != null; scope = scope.getParent()) {
        if (scope.getScope().containsKey(name)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Jinjava's resolver, reporting lookups of keys a dict does not have. */
  private static final class StrictMapResolver extends ELResolver {
    private final ELResolver base = JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY;

    @Override
    public @Nullable Object getValue(ELContext context, @Nullable Object base, Object property) {
      if (base instanceof Map<?, ?> map
          && property != null
          && !map.containsKey(property)
          && !map.containsKey(String.valueOf(property))
          && JinjavaInterpreter.getCurrent() instanceof StrictInterpreter interpreter) {
        interpreter.missingKey(property);
      }
      return this.base.getValue(context, base, property);
    }

    @Override
    public @Nullable Class<?> getType(ELContext context, @Nullable Object base, Object property) {
      return this.base.getType(context, base, property);
    }

    @Override
    public void setValue(
        ELContext context, @Nullable Object base, Object property, @Nullable Object value) {
      this.base.setValue(context, base, property, value);
    }

    @Override
    public boolean isReadOnly(ELContext context, @Nullable Object base, Object property) {
      return this.base.isReadOnly(context, base, property);
    }

    @Override
    public @Nullable Iterator<FeatureDescriptor> getFeatureDescriptors(
        ELContext context, @Nullable Object base) {
      return this.base.getFeatureDescriptors(context, base);
    }

    @Override
    public @Nullable Class<?> getCommonPropertyType(ELContext context, @Nullable Object base) {
      return this.base.getCommonPropertyType(context, base);
    }

    @Override
    public @Nullable Object invoke(
        ELContext context,
        @Nullable Object base,
        Object method,
        Class<?> @Nullable [] paramTypes,
        Object @Nullable [] params) {
      return this.base.invoke(context, base, method, paramTypes, params);
    }
  }
}

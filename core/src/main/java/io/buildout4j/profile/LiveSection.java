package io.buildout4j.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A section being (or done being) resolved: buildout's {@code Options}. It keeps the raw values
 * (after {@code <=} macro expansion), the values its own initialisation substituted, and the values
 * read or set since, exactly as zc.buildout keeps {@code _raw}, {@code _cooked} and {@code _data};
 * the distinction is observable (a value is substituted once, and values set by recipes are never
 * substituted).
 */
final class LiveSection {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*\\}");
  private static final Pattern VALID =
      Pattern.compile("\\$\\{[-a-zA-Z0-9 ._]*:[-a-zA-Z0-9 ._]+\\}");
  private static final Pattern SIMPLE = Pattern.compile("[-a-zA-Z0-9 ._]+\\n?");
  private static final String SECTION_NAME = "_buildout_section_name_";

  private final Resolver resolver;
  private final String name;
  private LinkedHashMap<String, RawValue> raw;
  private final Map<String, String> cooked = new HashMap<>();
  private final LinkedHashMap<String, String> data = new LinkedHashMap<>();

  LiveSection(Resolver resolver, String name, LinkedHashMap<String, RawValue> raw) {
    this.resolver = resolver;
    this.name = name;
    this.raw = raw;
  }

  String name() {
    return name;
  }

  /** The raw value (after macro expansion) of {@code option}, with its history; null if absent. */
  @Nullable RawValue rawValue(String option) {
    return raw.get(option);
  }

  /** Buildout's {@code _initialize}: macros, substitution in sorted order, dependencies, recipe. */
  void initialize() {
    resolver.initializing(name, this::initializeNow);
  }

  private void initializeNow() {
    resolver.doing(
        "Initializing section " + name + ".",
        () -> {
          if (raw.containsKey("<")) {
            raw = expandMacros(name, raw, new ArrayList<>());
          }
          List<String> keys = new ArrayList<>(raw.keySet());
          keys.sort(PythonOrder.INSTANCE);
          for (String key : keys) {
            RawValue value = raw.get(key);
            if (value != null && value.value().contains("${")) {
              substituteOwn(key, value.value());
            }
          }
          if (name.equals("buildout")) {
            return null;
          }
          String dependencies = get("<part-dependencies>", null);
          if (dependencies != null) {
            for (String dependency : PythonStrings.splitWhitespace(dependencies)) {
              resolver.section(dependency, ReferenceChain.key(name, "<part-dependencies>"));
            }
          }
          String recipe = get("recipe", null);
          if (recipe != null && !recipe.isEmpty()) {
            resolver.partHook().initialize(this);
            resolver.addPart(name);
          }
          return null;
        });
  }

  /**
   * Buildout's {@code _dosub}: substitutes an option during initialisation (kept apart from reads).
   */
  private void substituteOwn(String option, String template) {
    resolver.doing(
        "Getting option " + name + ":" + option + ".",
        () -> {
          ReferenceChain chain = new ReferenceChain();
          chain.push(ReferenceChain.key(name, option));
          cooked.put(option, substituteAll(template, chain, option));
          return null;
        });
  }

  /** Buildout's {@code options[option]}: the value, or a {@link MissingOptionException}. */
  String require(String option) {
    String value = data.get(option);
    if (value != null) {
      return value;
    }
    value = get(option, null);
    if (value == null) {
      throw resolver.recorded(
          new MissingOptionException(name, option, "Missing option: " + name + ":" + option));
    }
    return value;
  }

  /**
   * Buildout's {@code options.get(option)}: the substituted value, or null. {@code seen} is the
   * chain of substitutions asking for it (null for a plain read); with recipe placeholders on, a
   * missing option of a recipe section read by a substitution yields {@code @RECIPE{s:o}}.
   */
  @Nullable String get(String option, @Nullable ReferenceChain seen) {
    String value = lookup(option, seen);
    if (value == null
        && seen != null
        && resolver.recipePlaceholders()
        && !option.equals(SECTION_NAME)
        && lookup("recipe", null) != null) {
      value = "@RECIPE{" + name + ":" + option + "}";
    }
    return value;
  }

  private @Nullable String lookup(String option, @Nullable ReferenceChain seen) {
    String value = data.get(option);
    if (value != null) {
      return value;
    }
    value = cooked.get(option);
    if (value == null) {
      RawValue rawValue = raw.get(option);
      if (rawValue == null) {
        return null;
      }
      value = rawValue.value();
    }
    if (value.contains("${")) {
      String template = value;
      value =
          resolver.doing(
              "Getting option " + name + ":" + option + ".",
              () -> {
                String key = ReferenceChain.key(name, option);
                ReferenceChain chain = seen == null ? new ReferenceChain() : seen;
                if (seen != null && chain.contains(key)) {
                  throw resolver.recorded(new CircularReferenceException(chain.loopTo(key)));
                }
                chain.push(key);
                try {
                  return DeepCalls.call(
                      "The chain of references", () -> substituteAll(template, chain, option));
                } finally {
                  chain.pop();
                }
              });
    }
    data.put(option, value);
    return value;
  }

  /** Sets a value as a recipe or buildout does: stored as given, never substituted. */
  void set(String option, String value) {
    data.put(option, value);
  }

  /** Buildout's {@code del options[option]}: removes the raw, substituted and set value. */
  void remove(String option) {
    if (raw.containsKey(option)) {
      // the raw map may be the one macros of other sections read: never change it in place
      raw = new LinkedHashMap<>(raw);
      raw.remove(option);
    }
    cooked.remove(option);
    data.remove(option);
  }

  /** Whether the option exists, raw or set. */
  boolean has(String option) {
    return data.containsKey(option) || raw.containsKey(option);
  }

  Resolver resolver() {
    return resolver;
  }

  /** Raw keys in order, then keys set later: buildout's {@code keys()}. */
  List<String> keys() {
    List<String> keys = new ArrayList<>(raw.keySet());
    for (String key : data.keySet()) {
      if (!raw.containsKey(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** Substitutes each {@code $$}-separated piece and joins them with {@code $$} again. */
  private String substituteAll(String template, ReferenceChain chain, String option) {
    if (!template.contains("$$")) {
      return substitute(template, chain, option);
    }
    StringBuilder out = new StringBuilder(template.length());
    boolean first = true;
    for (String piece : PythonStrings.split(template, "$$")) {
      if (!first) {
        out.append("$$");
      }
      out.append(substitute(piece, chain, option));
      first = false;
      resolver.checkLength(out, name, option);
    }
    return out.toString();
  }

  private String substitute(String piece, ReferenceChain chain, String option) {
    Matcher matcher = REFERENCE.matcher(piece);
    if (!matcher.find()) {
      return piece;
    }
    StringBuilder out = new StringBuilder(piece.length() + 32);
    int last = 0;
    do {
      out.append(piece, last, matcher.start());
      out.append(resolveReference(matcher.group(), chain));
      resolver.checkLength(out, name, option);
      last = matcher.end();
    } while (matcher.find());
    out.append(piece, last, piece.length());
    return out.toString();
  }

  private String resolveReference(String reference, ReferenceChain chain) {
    List<String> parts = PythonStrings.split(reference.substring(2, reference.length() - 1), ":");
    if (!VALID.matcher(reference).matches()) {
      String message;
      if (parts.size() < 2) {
        message = "The substitution, " + reference + ",\ndoesn't contain a colon.";
      } else if (parts.size() > 2) {
        message = "The substitution, " + reference + ",\nhas too many colons.";
      } else if (!SIMPLE.matcher(parts.get(0)).matches()) {
        message = "The section name in substitution, " + reference + ",\nhas invalid characters.";
      } else if (!SIMPLE.matcher(parts.get(1)).matches()) {
        message = "The option name in substitution, " + reference + ",\nhas invalid characters.";
      } else {
        message = null;
      }
      if (message != null) {
        throw resolver.recorded(
            new BuildoutException("UserError", message + resolver.referrer(chain.innermost())));
      }
    }
    String section = parts.get(0).isEmpty() ? name : parts.get(0);
    String option = parts.get(1);
    String value = resolver.section(section, chain.innermost()).get(option, chain);
    if (value == null) {
      if (option.equals(SECTION_NAME)) {
        return name;
      }
      throw resolver.recorded(
          new MissingOptionException(
              section,
              option,
              "Referenced option does not exist: "
                  + section
                  + " "
                  + option
                  + resolver.referrer(chain.innermost())));
    }
    return value;
  }

  /**
   * Buildout's {@code _do_extend_raw}: the section's {@code <=} sources expanded, then its own
   * values.
   */
  private LinkedHashMap<String, RawValue> expandMacros(
      String section, LinkedHashMap<String, RawValue> values, List<String> expanding) {
    if (section.equals("buildout")) {
      return values;
    }
    if (expanding.contains(section)) {
      throw resolver.recorded(
          new BuildoutException(
              "UserError", "Infinite extending loop " + PythonStrings.repr(section)));
    }
    expanding.add(section);
    try {
      RawValue sources = values.get("<");
      if (sources == null) {
        return values;
      }
      return resolver.doing(
          "Loading input sections for " + PythonStrings.repr(section),
          () -> {
            LinkedHashMap<String, RawValue> result = new LinkedHashMap<>();
            for (String line : PythonStrings.splitLines(sources.value())) {
              String source = PythonStrings.strip(line);
              if (source.isEmpty()) {
                continue;
              }
              LinkedHashMap<String, RawValue> sourceValues = resolver.rawSection(source);
              if (sourceValues == null) {
                throw resolver.recorded(
                    new BuildoutException(
                        "UserError",
                        "No section named "
                            + PythonStrings.repr(source)
                            + " (in the <= of ["
                            + section
                            + "], "
                            + sources.origin()
                            + ")"));
              }
              Map<String, RawValue> expanded =
                  DeepCalls.call(
                      "The chain of <= macros",
                      () -> expandMacros(source, sourceValues, expanding));
              expanded.forEach(
                  (key, value) ->
                      result.put(
                          key,
                          value.throughMacro(source, sources.origin(), resolver.fullHistory())));
            }
            resolver.merge().mergeSection(result, values, LayerMerge.sortedIncrementKeys(values));
            result.remove("<");
            return result;
          });
    } finally {
      expanding.remove(expanding.size() - 1);
    }
  }
}

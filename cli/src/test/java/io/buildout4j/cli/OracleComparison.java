package io.buildout4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comparison rules of {@code shared/oracle/compare.py}, in Java: an expected error agrees with
 * any error; Python-packaging options of {@code [buildout]} and the {@code zc.*} pins of {@code
 * [versions]} are ignored; paths under {@code @ROOT@} compare normalised; everything else must be
 * equal. Returns the differences, empty when the results agree.
 */
final class OracleComparison {
  private static final Set<String> PYTHON_ONLY =
      Set.of(
          "allow-hosts",
          "allow-picked-versions",
          "allow-unknown-extras",
          "executable",
          "find-links",
          "prefer-final",
          "python",
          "show-picked-versions",
          "update-versions-file",
          "use-dependency-links",
          "versions");
  private static final Set<String> ZC_PINS = Set.of("zc.buildout", "zc.recipe.egg");
  private static final Pattern ROOTED = Pattern.compile("@ROOT@[^\\s'\"]*");

  private OracleComparison() {}

  /**
   * @param replacements text in the actual result to replace before comparing (the corpus root by
   *     {@code @ROOT@}, the executable by {@code @PYTHON@}), longest first
   */
  static List<String> differences(
      Object expected, Object actual, Map<String, String> replacements) {
    actual = replace(actual, replacements);
    if (expected instanceof Map<?, ?> map && map.containsKey("error")) {
      if (actual instanceof Map<?, ?> a && a.containsKey("error")) {
        return List.of();
      }
      return List.of("expected an error (" + map.get("error") + "), got a result");
    }
    if (actual instanceof Map<?, ?> a && a.containsKey("error")) {
      return List.of("expected a result, got error: " + a.get("error"));
    }
    if (expected instanceof List<?>) {
      return expected.equals(actual)
          ? List.of()
          : List.of("order differs:\n  expected " + expected + "\n  actual   " + actual);
    }
    Map<String, Map<String, String>> e = trim(expected);
    Map<String, Map<String, String>> a = trim(actual);
    List<String> out = new ArrayList<>();
    Set<String> sections = new TreeSet<>(e.keySet());
    sections.addAll(a.keySet());
    for (String s : sections) {
      if (!a.containsKey(s)) {
        out.add("[" + s + "] missing");
        continue;
      }
      if (!e.containsKey(s)) {
        out.add("[" + s + "] unexpected");
        continue;
      }
      Set<String> keys = new TreeSet<>(e.get(s).keySet());
      keys.addAll(a.get(s).keySet());
      for (String k : keys) {
        String ev = e.get(s).get(k);
        String av = a.get(s).get(k);
        if (av == null) {
          out.add("[" + s + "] " + k + " missing (expected " + ev + ")");
        } else if (ev == null) {
          out.add("[" + s + "] " + k + " unexpected (" + av + ")");
        } else if (!ev.equals(av)) {
          out.add("[" + s + "] " + k + " = " + av + ", expected " + ev);
        }
      }
    }
    return out;
  }

  private static Object replace(Object value, Map<String, String> replacements) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, replace(v, replacements)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> replace(v, replacements)).toList();
    }
    if (value instanceof String text) {
      for (Map.Entry<String, String> r : replacements.entrySet()) {
        text = text.replace(r.getKey(), r.getValue());
      }
      return text;
    }
    return value;
  }

  private static Map<String, Map<String, String>> trim(Object config) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    ((Map<?, ?>) config)
        .forEach(
            (section, options) -> {
              Map<String, String> values = new LinkedHashMap<>();
              ((Map<?, ?>) options)
                  .forEach((k, v) -> values.put((String) k, normalise((String) v)));
              out.put((String) section, values);
            });
    Map<String, String> buildout = out.get("buildout");
    if (buildout != null) {
      PYTHON_ONLY.forEach(buildout::remove);
    }
    Map<String, String> versions = out.get("versions");
    if (versions != null) {
      ZC_PINS.forEach(versions::remove);
      if (versions.isEmpty()) {
        out.remove("versions");
      }
    }
    return out;
  }

  private static String normalise(String value) {
    Matcher m = ROOTED.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(normpath(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Python's {@code posixpath.normpath}. */
  static String normpath(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean absolute = path.startsWith("/");
    int slashes = absolute ? (path.startsWith("//") && !path.startsWith("///") ? 2 : 1) : 0;
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")
          && (!absolute && (parts.isEmpty() || parts.get(parts.size() - 1).equals("..")))) {
        parts.add(part);
      } else if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(part);
      }
    }
    String joined = "/".repeat(slashes) + String.join("/", parts);
    return joined.isEmpty() ? "." : joined;
  }
}

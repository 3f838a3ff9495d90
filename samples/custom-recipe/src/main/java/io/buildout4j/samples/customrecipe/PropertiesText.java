package io.buildout4j.samples.customrecipe;

import io.buildout4j.recipe.RecipeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The content of a properties file: the {@code KEY = VALUE} lines of a part's {@code properties}
 * option, parsed, and the file text they give. The recipe builds it when the part is created (so a
 * mistake is reported before anything is installed) and again in its uninstaller, from the options
 * recorded at install time, to tell whether the file was edited since.
 *
 * @param part the part's name, written in the file's header
 * @param entries the properties in the order the option lists them; unmodifiable
 */
record PropertiesText(String part, List<Map.Entry<String, String>> entries) {
  PropertiesText {
    Objects.requireNonNull(part, "part");
    entries = List.copyOf(entries);
  }

  /**
   * Parses the option's value: one {@code KEY = VALUE} per line; blank lines and lines starting
   * with {@code #} are skipped; key and value are stripped; a value may be empty.
   *
   * @throws RecipeException naming {@code part:properties} and quoting the line for a line without
   *     {@code =}, an empty key or a key set twice
   */
  static PropertiesText parse(String part, String value) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String raw : value.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      String key = equals < 0 ? "" : line.substring(0, equals).strip();
      if (key.isEmpty()) {
        throw new RecipeException(
            "Invalid value for " + part + ":properties: '" + line + "' is not KEY = VALUE");
      }
      if (!seen.add(key)) {
        throw new RecipeException(
            "Invalid value for " + part + ":properties: the key '" + key + "' is set twice");
      }
      entries.add(Map.entry(key, line.substring(equals + 1).strip()));
    }
    return new PropertiesText(part, entries);
  }

  /**
   * The file's text: a header naming the part, then {@code key=value} lines, escaped as {@link
   * java.util.Properties#load(java.io.Reader)} reads them, all in ASCII (other characters as {@code
   * \\uXXXX}) so that a reader assuming ISO-8859-1 reads it right too.
   */
  String render() {
    StringBuilder text =
        new StringBuilder("# Written by buildout4j for part ")
            .append(part)
            .append(": change the profile, not this file.\n");
    for (Map.Entry<String, String> entry : entries) {
      escape(entry.getKey(), true, text);
      text.append('=');
      escape(entry.getValue(), false, text);
      text.append('\n');
    }
    return text.toString();
  }

  private static void escape(String s, boolean key, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
        case '=', ':', '#', '!' -> out.append(key || i == 0 ? "\\" + c : String.valueOf(c));
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}

package io.buildout4j.cli;

import java.util.Map;

/**
 * Renders sections as profile text: {@code [section]}, {@code option = value}, continuation lines.
 */
final class ProfileText {
  private ProfileText() {}

  static String render(Map<String, Map<String, String>> sections) {
    StringBuilder out = new StringBuilder();
    sections.forEach(
        (name, options) -> {
          if (out.length() > 0) {
            out.append('\n');
          }
          out.append('[').append(name).append("]\n");
          options.forEach((key, value) -> out.append(option(key, value)));
        });
    return out.toString();
  }

  static String option(String key, String value) {
    if (value.contains("\n")) {
      return key + " =\n    " + value.replace("\n", "\n    ") + "\n";
    }
    return value.isEmpty() ? key + " =\n" : key + " = " + value + "\n";
  }
}

package io.buildout4j.profile.condition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses freedesktop.org {@code os-release} text the way CPython 3.11's {@code
 * platform.freedesktop_os_release()} does: {@code NAME=value} lines with optional matching quotes,
 * five backslash escapes, and defaults for {@code NAME}, {@code ID} and {@code PRETTY_NAME}.
 */
final class OsRelease {
  private static final Pattern LINE =
      Pattern.compile(
          "(?<name>[a-zA-Z0-9_]+)=(?<quote>[\"']?)(?<value>.*)\\k<quote>", Pattern.UNIX_LINES);
  private static final Pattern UNESCAPE = Pattern.compile("\\\\([\\\\$\"'`])");

  private OsRelease() {}

  /** The fields of an os-release file, in file order after the three defaults. */
  static Map<String, String> parse(String text) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("NAME", "Linux");
    info.put("ID", "linux");
    info.put("PRETTY_NAME", "Linux");
    for (String line : text.split("\n", -1)) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        info.put(
            m.group("name"),
            UNESCAPE
                .matcher(m.group("value"))
                .replaceAll(r -> Matcher.quoteReplacement(r.group(1))));
      }
    }
    return info;
  }
}

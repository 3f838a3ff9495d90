package io.buildout4j.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Buildout's configuration syntax as plain data, for files that are not profiles: the engine reads
 * the installed database ({@code .installed.cfg}) with it.
 *
 * <p>The grammar is the profile grammar (spec section 1), parsed by the same parser, with no
 * layering, no {@code extends} and no substitution: sections come in order of first appearance, a
 * section that appears more than once is merged (a later value of an option wins), and values are
 * exactly what the parser makes of them (continuation lines joined by {@code \n}, block values
 * dedented). Options written {@code x += v} or {@code x -= v} keep their raw keys {@code x +} and
 * {@code x -}. A conditional header {@code [section:expression]} is a syntax error here.
 */
public final class ConfigText {
  private static final ProfileParser PARSER =
      new ProfileParser(
          expression -> {
            throw new IllegalArgumentException("conditional sections are not allowed in this file");
          });

  private ConfigText() {}

  /**
   * Parses {@code text}.
   *
   * @param text the whole file
   * @param location the file's path or URL, used in error messages only
   * @return the sections in order of first appearance, each an unmodifiable map of its options in
   *     order of first appearance; never null
   * @throws ProfileSyntaxException if the text does not follow the grammar; it names {@code
   *     location} and every bad line
   */
  public static Map<String, Map<String, String>> parse(String text, String location) {
    ParsedFile parsed = PARSER.parse(text, location);
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    parsed
        .sections()
        .forEach(
            (name, options) -> {
              Map<String, String> values = new LinkedHashMap<>();
              options.forEach((key, option) -> values.put(key, option.value()));
              sections.put(name, Collections.unmodifiableMap(values));
            });
    return Collections.unmodifiableMap(sections);
  }

  /**
   * True if the parser strips {@code c} from the ends of a line: Python's {@code str.isspace()}.
   * Writers use it to know which characters need quoting.
   */
  public static boolean isSpace(char c) {
    return PythonStrings.isSpace(c);
  }

  /**
   * True if {@code name} can be written as a section header {@code [name]} and read back as the
   * same name: not empty, no white space and none of {@code #[]:;{}}.
   */
  public static boolean isSectionName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (PythonStrings.isSpace(c) || "#[]:;{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if {@code name} can be written as an option line {@code name = value} and read back under
   * the same key: not empty, no white space and none of {@code {}[]=:}, and not starting with a
   * comment character ({@code #} or {@code ;}).
   */
  public static boolean isOptionName(String name) {
    if (name.isEmpty() || name.charAt(0) == '#' || name.charAt(0) == ';') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (PythonStrings.isSpace(c) || "{}[]=:".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}

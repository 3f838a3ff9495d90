package io.buildout4j.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one profile file with the line grammar of zc.buildout's {@code configparser} (4.x):
 * section headers with optional conditions, {@code name = value} options (only {@code =} separates;
 * no inline comments), {@code +=}/{@code -=} raw keys, {@code =>} part dependencies, continuation
 * lines in inline and block mode, column-0 comments, and dedent of block values.
 *
 * <p>Deliberate deviations, per the spec's decisions: a UTF-8 byte-order mark is ignored, and
 * options after a false conditional header at the top of a file are skipped rather than rejected.
 * Every bad line is collected and reported together.
 */
final class ProfileParser {
  private static final String WS =
      "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
  private static final Pattern SECTION_HEADER =
      Pattern.compile(
          "\\[["
              + WS
              + "]*([^"
              + WS
              + "#\\[\\]:;{}]+)["
              + WS
              + "]*(?::([^#;]*))?["
              + WS
              + "]*\\]["
              + WS
              + "]*(?:[#;].*)?",
          Pattern.DOTALL);
  private static final Pattern OPTION_START =
      Pattern.compile("([^" + WS + "{}\\[\\]=:]+[" + WS + "]*[-+]?)=(.*)", Pattern.DOTALL);

  private final Predicate<String> conditions;

  /**
   * @param conditions decides a section condition's truth; throws a {@link RuntimeException} whose
   *     message explains an expression it cannot evaluate
   */
  ProfileParser(Predicate<String> conditions) {
    this.conditions = conditions;
  }

  ParsedFile parse(String text, String location) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Map<String, Map<String, ParsedFile.ParsedOption>> sections = new LinkedHashMap<>();
    List<ProfileSyntaxException.Problem> problems = new ArrayList<>();
    Map<String, ParsedFile.ParsedOption> current = null;
    String option = null;
    boolean blockMode = false;
    boolean condition = true;
    int lineNo = 0;
    int pos = 0;
    int length = text.length();
    while (pos < length) {
      int end = pos;
      while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      String content = text.substring(pos, end);
      boolean terminated = end < length;
      pos = end;
      if (pos < length) {
        pos += text.charAt(pos) == '\r' && pos + 1 < length && text.charAt(pos + 1) == '\n' ? 2 : 1;
      }
      lineNo++;
      // Python reads the line with its "\n"; an empty content is then the "\n" itself.
      char first = content.isEmpty() ? (terminated ? '\n' : ' ') : content.charAt(0);
      if (first == '#' || first == ';') {
        continue;
      }
      if (PythonStrings.isSpace(first) && current != null && option != null) {
        if (!condition) {
          continue;
        }
        String line;
        if (blockMode) {
          line = PythonStrings.rstrip(content);
        } else {
          line = PythonStrings.strip(content);
          if (line.isEmpty()) {
            continue;
          }
        }
        ParsedFile.ParsedOption before = current.get(option);
        current.put(
            option, new ParsedFile.ParsedOption(before.value() + "\n" + line, before.line()));
        continue;
      }
      Matcher header = first == '[' ? SECTION_HEADER.matcher(content) : null;
      if (header != null && header.matches()) {
        condition = true;
        String name = header.group(1);
        String expression = header.group(2);
        if (expression != null && !expression.isEmpty()) {
          condition = evaluate(expression, lineNo, content, problems);
          if (!condition) {
            continue;
          }
        }
        current = sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
        option = null;
        continue;
      }
      if (current == null) {
        if (PythonStrings.isBlank(content)
            || (!condition && isSkippableUnderFalseHeader(content))) {
          continue;
        }
        throw new ProfileSyntaxException(
            "MissingSectionHeaderError",
            location,
            List.of(
                new ProfileSyntaxException.Problem(
                    lineNo, content, "option or text before any section header")));
      }
      if (content.startsWith("=>")) {
        content = "<part-dependencies> = " + content.substring(2);
      }
      Matcher start = OPTION_START.matcher(content);
      if (start.matches()) {
        if (!condition) {
          continue;
        }
        String name = PythonStrings.rstrip(start.group(1));
        String value = PythonStrings.strip(start.group(2));
        char op = name.charAt(name.length() - 1);
        ParsedFile.ParsedOption existing = current.get(name);
        if (existing != null && (op == '+' || op == '-')) {
          String accumulated = PythonStrings.rstrip(existing.value());
          if (!value.isEmpty()) {
            accumulated = accumulated + "\n" + value;
          }
          current.put(name, new ParsedFile.ParsedOption(accumulated, existing.line()));
        } else {
          if (op != '+' && op != '-') {
            current.remove(name + " +");
            current.remove(name + " -");
          }
          current.put(name, new ParsedFile.ParsedOption(value, lineNo));
        }
        option = name;
        blockMode = value.isEmpty();
      } else if (option == null && PythonStrings.isBlank(content)) {
        continue;
      } else {
        problems.add(new ProfileSyntaxException.Problem(lineNo, content, reasonFor(content)));
      }
    }
    if (!problems.isEmpty()) {
      throw new ProfileSyntaxException("ParsingError", location, problems);
    }
    for (Map<String, ParsedFile.ParsedOption> section : sections.values()) {
      section.replaceAll(
          (key, parsed) -> {
            String value = parsed.value();
            if (!value.isEmpty() && PythonStrings.isSpace(value.charAt(0))) {
              value =
                  PythonStrings.dropLeadingBlankLines(
                      PythonStrings.dedent(PythonStrings.rstrip(value)));
              return new ParsedFile.ParsedOption(value, parsed.line());
            }
            return parsed;
          });
    }
    return new ParsedFile(location, sections);
  }

  private boolean evaluate(
      String expression,
      int lineNo,
      String content,
      List<ProfileSyntaxException.Problem> problems) {
    try {
      return conditions.test(expression);
    } catch (RuntimeException e) {
      problems.add(
          new ProfileSyntaxException.Problem(
              lineNo, content, "invalid section condition: " + e.getMessage()));
      return false;
    }
  }

  /**
   * zc.buildout rejects options under a false conditional header at the top of a file (no section
   * is current yet); the spec decides to skip them like any other option of a false section.
   */
  private static boolean isSkippableUnderFalseHeader(String content) {
    return PythonStrings.isSpace(content.charAt(0))
        || content.startsWith("=>")
        || OPTION_START.matcher(content).matches();
  }

  private static String reasonFor(String content) {
    if (!content.isEmpty() && PythonStrings.isSpace(content.charAt(0))) {
      return "indented line with no option to continue";
    }
    if (content.startsWith("[")) {
      return "malformed section header";
    }
    if (content.indexOf('=') < 0) {
      return "expected 'name = value'";
    }
    return "malformed option (names may not contain white space or any of {}[]=:)";
  }
}

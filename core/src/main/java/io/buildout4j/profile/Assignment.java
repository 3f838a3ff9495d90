package io.buildout4j.profile;

import java.util.List;

/**
 * One command-line assignment, {@code section:option=value} (or {@code option=value} for {@code
 * [buildout]}), with {@code +=} and {@code -=} as on the command line of buildout.
 *
 * @param section the section, stripped of white space
 * @param option the option name without the operator
 * @param operator {@code '='}, {@code '+'} or {@code '-'}
 * @param value the value, stripped of white space
 */
public record Assignment(String section, String option, char operator, String value) {

  /**
   * Parses {@code section:option=value}; throws a {@link BuildoutException} naming the text when it
   * is not of that form. Called by {@link ProfileLoader#override(String)} and the CLI.
   */
  public static Assignment parse(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq < 0) {
      throw new BuildoutException(
          "UserError", "Invalid assignment (expected section:option=value): " + assignment);
    }
    String target = assignment.substring(0, eq);
    String value = PythonStrings.strip(assignment.substring(eq + 1));
    List<String> parts = PythonStrings.split(target, ":");
    String section;
    String option;
    if (parts.size() == 1) {
      section = "buildout";
      option = parts.get(0);
    } else if (parts.size() == 2) {
      section = PythonStrings.strip(parts.get(0));
      option = parts.get(1);
    } else {
      throw new BuildoutException("UserError", "Invalid option: " + assignment);
    }
    option = PythonStrings.strip(option);
    char operator = '=';
    if (option.endsWith("+") || option.endsWith("-")) {
      operator = option.charAt(option.length() - 1);
      option = PythonStrings.strip(option.substring(0, option.length() - 1));
    }
    if (section.isEmpty() || option.isEmpty()) {
      throw new BuildoutException("UserError", "Invalid option: " + assignment);
    }
    return new Assignment(section, option, operator, value);
  }

  /** The raw key buildout's merge understands: {@code x}, {@code x +} or {@code x -}. */
  String rawKey() {
    return operator == '=' ? option : option + " " + operator;
  }

  @Override
  public String toString() {
    return section + ":" + option + (operator == '=' ? "" : String.valueOf(operator)) + "=" + value;
  }
}

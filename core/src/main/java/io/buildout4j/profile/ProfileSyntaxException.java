package io.buildout4j.profile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A profile file does not follow the profile grammar. Every bad line of the file is reported at
 * once, each with its line number, as buildout's {@code ParsingError} does.
 */
public final class ProfileSyntaxException extends BuildoutException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final List<Problem> problems;

  /** One bad line: where, what it says, and why it was refused. */
  public record Problem(int line, String text, String reason) {}

  /** Created by the parser with every problem found in {@code file}. */
  public ProfileSyntaxException(String kind, String file, List<Problem> problems) {
    super(kind, render(file, problems));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  private static String render(String file, List<Problem> problems) {
    if (problems.size() == 1) {
      Problem p = problems.get(0);
      return file + ":" + p.line() + ": " + p.reason() + ": " + PythonStrings.repr(p.text());
    }
    return "File contains parsing errors: "
        + file
        + problems.stream()
            .map(
                p ->
                    "\n\t[line "
                        + String.format("%2d", p.line())
                        + "]: "
                        + p.reason()
                        + ": "
                        + PythonStrings.repr(p.text()))
            .collect(Collectors.joining());
  }

  /** The file (path or URL) that has the problems. */
  public String file() {
    return file;
  }

  /** The problems, in line order. */
  public List<Problem> problems() {
    return problems;
  }
}

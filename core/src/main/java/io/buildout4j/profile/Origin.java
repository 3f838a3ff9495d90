package io.buildout4j.profile;

import java.util.Objects;

/**
 * Where a value came from: a line of a profile file (path or URL), the built-in defaults, a value
 * computed by buildout, the command line, or the implicit empty value an increment starts from.
 *
 * @param kind what kind of source this is
 * @param location the file path or URL for {@link Kind#FILE}, otherwise empty
 * @param line the 1-based line number for {@link Kind#FILE}, otherwise 0
 */
public record Origin(Kind kind, String location, int line) {

  /** The kinds of source buildout distinguishes, with the names its {@code annotate} prints. */
  public enum Kind {
    FILE(""),
    DEFAULT("DEFAULT_VALUE"),
    COMPUTED("COMPUTED_VALUE"),
    COMMAND_LINE("COMMAND_LINE_VALUE"),
    IMPLICIT("IMPLICIT_VALUE");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** Buildout's name for this source, e.g. {@code DEFAULT_VALUE}; empty for files. */
    public String label() {
      return label;
    }
  }

  public static final Origin DEFAULT = new Origin(Kind.DEFAULT, "", 0);
  public static final Origin COMPUTED = new Origin(Kind.COMPUTED, "", 0);
  public static final Origin COMMAND_LINE = new Origin(Kind.COMMAND_LINE, "", 0);
  public static final Origin IMPLICIT = new Origin(Kind.IMPLICIT, "", 0);

  public Origin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
  }

  /** A line of a profile file (a path or a URL). */
  public static Origin file(String location, int line) {
    return new Origin(Kind.FILE, location, line);
  }

  /** True for a line of a file. */
  public boolean isFile() {
    return kind == Kind.FILE;
  }

  /** {@code path:line} for files, buildout's label ({@code DEFAULT_VALUE}, ...) otherwise. */
  @Override
  public String toString() {
    return isFile() ? location + ":" + line : kind.label();
  }
}

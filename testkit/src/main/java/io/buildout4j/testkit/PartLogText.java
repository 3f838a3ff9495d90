package io.buildout4j.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A part's log file, {@code .buildout4j/logs/PART.log}, as read by {@link TestBuildout#log(String)}
 * after a run: the lines its recipe logged ({@code info} as is, {@code warning} after {@code
 * WARNING: }, {@code debug} after {@code DEBUG: }) and its processes printed during its last
 * install, update or uninstall.
 *
 * @param part the part's name
 * @param file the log file, absolute
 * @param lines its lines, without line terminators; unmodifiable
 */
public record PartLogText(String part, Path file, List<String> lines) {
  /** Checks for nulls and copies. */
  public PartLogText {
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(file, "file");
    lines = List.copyOf(lines);
  }

  /** The lines joined with {@code \n}, without a final one. */
  public String text() {
    return String.join("\n", lines);
  }

  /** Whether some line contains {@code fragment}. */
  public boolean contains(String fragment) {
    Objects.requireNonNull(fragment, "fragment");
    return lines.stream().anyMatch(line -> line.contains(fragment));
  }
}

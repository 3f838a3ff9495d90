package io.buildout4j.testkit;

import io.buildout4j.engine.InstalledState;
import io.buildout4j.engine.InstalledStateFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The installed state of a test buildout ({@code .installed.cfg}), read back by {@link
 * TestBuildout#installed()} after a run: which parts are installed, in recorded order, with their
 * options and paths.
 *
 * @param file the installed-state file read, absolute; null when the profile keeps no state ({@code
 *     [buildout] installed} empty)
 * @param parts the installed parts in recorded order (the order an uninstall reverses);
 *     unmodifiable
 * @param pending parts whose install or uninstall started but did not finish (the run was killed):
 *     the next run removes their paths; unmodifiable, normally empty
 */
public record InstalledParts(
    @Nullable Path file, List<PartRecord> parts, List<PartRecord> pending) {

  /** Copies the lists. */
  public InstalledParts {
    parts = List.copyOf(parts);
    pending = List.copyOf(pending);
  }

  /**
   * Reads {@code file} with the engine's reader. Called by {@link TestBuildout#installed()}; a test
   * that keeps the state elsewhere may call it directly.
   *
   * @param file the installed-state file; a missing file is an empty state
   * @param directory the buildout directory, against which relative recorded paths are resolved
   * @throws io.buildout4j.profile.BuildoutException if the file cannot be read or parsed
   */
  public static InstalledParts read(Path file, Path directory) {
    InstalledState state = InstalledStateFile.read(file);
    return new InstalledParts(
        file.toAbsolutePath(),
        state.parts().stream().map(p -> PartRecord.of(p, directory)).toList(),
        state.pending().stream().map(p -> PartRecord.of(p, directory)).toList());
  }

  /** The state of a buildout that keeps none ({@code [buildout] installed} empty). */
  static InstalledParts none() {
    return new InstalledParts(null, List.of(), List.of());
  }

  /** The names of the installed parts, in recorded order. */
  public List<String> names() {
    return parts.stream().map(PartRecord::name).toList();
  }

  /** Whether nothing is installed or pending (then the engine deletes the file). */
  public boolean isEmpty() {
    return parts.isEmpty() && pending.isEmpty();
  }

  /** Whether {@code name} is installed (not merely pending). */
  public boolean has(String name) {
    return find(parts, name).isPresent();
  }

  /**
   * The installed part named {@code name}.
   *
   * @throws AssertionError if it is not installed; the message names it, says if it is pending, and
   *     lists the installed parts
   */
  public PartRecord part(String name) {
    Objects.requireNonNull(name, "name");
    Optional<PartRecord> found = find(parts, name);
    if (found.isPresent()) {
      return found.get();
    }
    String why =
        find(pending, name).isPresent()
            ? " (it is pending: its install or uninstall did not finish)"
            : "";
    String where = file == null ? "the profile keeps no installed state" : "in " + file;
    throw new AssertionError(
        "Part "
            + name
            + " is not installed"
            + why
            + "; installed parts: "
            + Describe.names(names())
            + " ("
            + where
            + ")");
  }

  private static Optional<PartRecord> find(List<PartRecord> list, String name) {
    return list.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}

package io.buildout4j.recipe;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An installed part as the installed state recorded it, handed to an {@link Uninstaller}.
 *
 * @param name the part's name
 * @param options its options as they were when it was installed (including {@code
 *     __buildout_installed__} and {@code __buildout_signature__}), unmodifiable
 * @param paths the paths it owns, absolute; about to be deleted
 * @param directory the buildout directory
 * @param log where to report what the uninstaller does
 */
public record RecordedPart(
    String name, Map<String, String> options, List<Path> paths, Path directory, PartLog log) {
  /** Copies the collections, so the record is immutable. */
  public RecordedPart {
    options = Map.copyOf(options);
    paths = List.copyOf(paths);
  }
}

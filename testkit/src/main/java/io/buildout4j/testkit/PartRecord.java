package io.buildout4j.testkit;

import io.buildout4j.engine.InstalledPart;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the installed state records about one part: the options it was installed with (those its
 * recipe computed when created included) and the paths it owns. Read back by a test through {@link
 * InstalledParts#part(String)} to check what a recipe recorded.
 *
 * @param name the part's name
 * @param options the recorded options, substituted, sorted by name, without {@value
 *     InstalledPart#PATHS_OPTION} (see {@link #paths()}); {@value InstalledPart#SIGNATURE_OPTION}
 *     and {@code recipe} among them; unmodifiable
 * @param paths the paths the part owns, in recorded order, absolute (paths recorded relative are
 *     resolved against the buildout directory); unmodifiable
 */
public record PartRecord(String name, Map<String, String> options, List<Path> paths) {
  /** Checks for nulls and copies, keeping the options' order. */
  public PartRecord {
    Objects.requireNonNull(name, "name");
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    paths = List.copyOf(paths);
  }

  /**
   * The record of an engine's installed part; relative paths resolved against {@code directory}.
   */
  static PartRecord of(InstalledPart part, Path directory) {
    return new PartRecord(
        part.name(), part.options(), part.paths().stream().map(directory::resolve).toList());
  }

  /**
   * A recorded option's value.
   *
   * @throws AssertionError if the part recorded no such option; the message lists those it did
   */
  public String option(String option) {
    String value = options.get(option);
    if (value == null) {
      throw new AssertionError(
          "Part "
              + name
              + " recorded no option '"
              + option
              + "'; its options: "
              + Describe.names(List.copyOf(options.keySet())));
    }
    return value;
  }

  /** The recorded {@code recipe} option: the name the part's recipe was found by. */
  public String recipe() {
    return option("recipe");
  }

  /**
   * The recorded {@value InstalledPart#SIGNATURE_OPTION}: the recipe code's identity ({@code
   * NAME-HASH} of a jar or class directory, or {@code GROUP:ARTIFACT:VERSION:HASH} of each jar of a
   * Maven recipe), then {@code PART:MD5} for each part it references.
   */
  public String signature() {
    return option(InstalledPart.SIGNATURE_OPTION);
  }
}

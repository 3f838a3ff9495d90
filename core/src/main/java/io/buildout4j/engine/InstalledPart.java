package io.buildout4j.engine;

import io.buildout4j.profile.ConfigText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the installed database records about one part: the options it was installed with and the
 * paths its recipe created.
 *
 * <p>Created by the engine when a part's install or update finishes (or starts, for a pending
 * record), and by {@link InstalledStateFile#read} from a {@code .installed.cfg} file. Immutable.
 *
 * @param name the part's name; a valid section name (see {@link ConfigText#isSectionName}), not
 *     {@code buildout}
 * @param options the recorded options, without {@value #PATHS_OPTION}: the part's resolved options
 *     including {@value #SIGNATURE_OPTION} and {@code recipe}. Sorted by name in Python's order (by
 *     code point), unmodifiable; every name is a valid option name (see {@link
 *     ConfigText#isOptionName})
 * @param paths the entries of {@value #PATHS_OPTION} in recorded order: absolute, or relative to
 *     the buildout directory. Unmodifiable; no entry contains a newline (buildout joins them with
 *     newlines), and empty entries are dropped (buildout skips them)
 */
public record InstalledPart(String name, Map<String, String> options, List<String> paths) {

  /** The recorded option that holds the part's paths, one per line. */
  public static final String PATHS_OPTION = "__buildout_installed__";

  /** The recorded option that holds the recipe's signature. */
  public static final String SIGNATURE_OPTION = "__buildout_signature__";

  /** Python's order of strings: by code point (Java's {@code compareTo} orders UTF-16 units). */
  static final Comparator<String> PYTHON_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the name or an option name cannot be written to the
   *     installed database, if {@code options} holds {@value #PATHS_OPTION}, or if a path contains
   *     a newline
   */
  public InstalledPart {
    Objects.requireNonNull(name, "name");
    if (!ConfigText.isSectionName(name) || name.equals("buildout")) {
      throw new IllegalArgumentException("Not a valid part name: '" + name + "'");
    }
    List<Map.Entry<String, String>> entries = new ArrayList<>(options.size());
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "option name");
      Objects.requireNonNull(e.getValue(), () -> "value of option " + key);
      if (key.equals(PATHS_OPTION)) {
        throw new IllegalArgumentException(
            "Part " + name + ": the paths are not an option; pass them as paths");
      }
      if (!ConfigText.isOptionName(key)) {
        throw new IllegalArgumentException(
            "Part " + name + ": not a valid option name: '" + key + "'");
      }
      entries.add(Map.entry(key, e.getValue()));
    }
    entries.sort(Map.Entry.comparingByKey(PYTHON_ORDER));
    Map<String, String> sorted = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : entries) {
      sorted.put(e.getKey(), e.getValue());
    }
    options = Collections.unmodifiableMap(sorted);
    List<String> kept = new ArrayList<>(paths.size());
    for (String path : paths) {
      Objects.requireNonNull(path, "path");
      if (path.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(
            "Part " + name + ": a recorded path may not contain a newline: '" + path + "'");
      }
      if (!path.isEmpty()) {
        kept.add(path);
      }
    }
    paths = List.copyOf(kept);
  }

  /** A copy recording {@code paths} instead. */
  public InstalledPart withPaths(List<String> paths) {
    return new InstalledPart(name, options, paths);
  }

  /** A copy recording {@code options} instead (without {@value #PATHS_OPTION}). */
  public InstalledPart withOptions(Map<String, String> options) {
    return new InstalledPart(name, options, paths);
  }

  /**
   * The options as buildout records them in the file: {@link #options()} plus {@value
   * #PATHS_OPTION} (the paths joined by newlines), sorted by name in Python's order.
   */
  public Map<String, String> recordedOptions() {
    List<Map.Entry<String, String>> entries = new ArrayList<>(options.entrySet());
    entries.add(Map.entry(PATHS_OPTION, String.join("\n", paths)));
    entries.sort(Map.Entry.comparingByKey(PYTHON_ORDER));
    Map<String, String> all = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : entries) {
      all.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(all);
  }
}

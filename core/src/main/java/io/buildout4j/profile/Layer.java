package io.buildout4j.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer of a profile: sections of raw keys ({@code x}, {@code x +}, {@code x -}, {@code <}) to
 * values with histories, as one file, the defaults or the command line contribute them. A layer
 * made from a file is immutable and shared by every place the file is extended from; the increment
 * keys of each section are sorted once, since a diamond-rich release merges the same file tens of
 * thousands of times.
 */
final class Layer {
  private final Map<String, Map<String, RawValue>> sections;
  private final Map<String, List<String>> incrementKeys = new LinkedHashMap<>();

  Layer(Map<String, Map<String, RawValue>> sections) {
    this.sections = sections;
    for (Map.Entry<String, Map<String, RawValue>> section : sections.entrySet()) {
      List<String> keys = LayerMerge.sortedIncrementKeys(section.getValue());
      if (!keys.isEmpty()) {
        incrementKeys.put(section.getKey(), keys);
      }
    }
  }

  /** Sections in order, each an insertion-ordered map of raw keys; not to be modified. */
  Map<String, Map<String, RawValue>> sections() {
    return sections;
  }

  /** The section's {@code +}/{@code -} keys in the order buildout processes them. */
  List<String> incrementKeys(String section) {
    return incrementKeys.getOrDefault(section, List.of());
  }

  /** Turns a parsed file into a layer whose values are all {@code SET} by their line. */
  static Layer of(ParsedFile file, String origin) {
    Map<String, Map<String, RawValue>> sections = new LinkedHashMap<>();
    file.sections()
        .forEach(
            (name, options) -> {
              Map<String, RawValue> values = new LinkedHashMap<>();
              options.forEach(
                  (key, parsed) ->
                      values.put(
                          key, RawValue.set(parsed.value(), Origin.file(origin, parsed.line()))));
              sections.put(name, Collections.unmodifiableMap(values));
            });
    return new Layer(Collections.unmodifiableMap(sections));
  }

  /** A layer of plain values from one kind of source (defaults, command line). */
  static Layer ofValues(Map<String, Map<String, String>> values, Origin origin) {
    Map<String, Map<String, RawValue>> sections = new LinkedHashMap<>();
    values.forEach(
        (name, options) -> {
          Map<String, RawValue> section = new LinkedHashMap<>();
          options.forEach((key, value) -> section.put(key, RawValue.set(value, origin)));
          sections.put(name, section);
        });
    return new Layer(sections);
  }
}

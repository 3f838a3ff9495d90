package io.buildout4j.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A profile as its layers assembled it: after {@code extends}, conditional sections, {@code
 * +=}/{@code -=} and command-line assignments, before macros and substitution — what buildout's
 * {@code annotate} shows, with each value's {@link History}.
 *
 * <p>Obtained from {@link Profile#raw()}; immutable.
 */
public final class RawProfile {
  private final String location;
  private final Map<String, Map<String, RawValue>> sections;

  RawProfile(String location, Map<String, LinkedHashMap<String, RawValue>> sections) {
    this.location = location;
    Map<String, Map<String, RawValue>> copy = new LinkedHashMap<>();
    sections.forEach(
        (name, options) ->
            copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(options))));
    this.sections = Collections.unmodifiableMap(copy);
  }

  /** The root profile's path or URL. */
  public String location() {
    return location;
  }

  /** Every section, in order of first appearance, each mapping raw keys to values. */
  public Map<String, Map<String, RawValue>> sections() {
    return sections;
  }

  /** The raw value of an option, or null when the section or option is absent. */
  public @Nullable RawValue value(String section, String option) {
    Map<String, RawValue> options = sections.get(section);
    return options == null ? null : options.get(option);
  }
}

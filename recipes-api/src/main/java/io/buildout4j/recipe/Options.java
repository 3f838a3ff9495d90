package io.buildout4j.recipe;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A live view of one section's options: buildout's {@code Options}. Reading an option substitutes
 * its {@code ${section:option}} references (once; the value is then fixed). Values set here are
 * stored as given and never substituted, and are seen by every section that references them
 * afterwards.
 *
 * <p>Handed out by {@link Part#options()} and {@link Part#section(String)}. Safe to use from any
 * thread: reads and writes are serialised with the rest of the profile's resolution.
 */
public interface Options {
  /** The section's name. */
  String section();

  /**
   * The option's value, substituted, or null if the section has no such option.
   *
   * @throws RuntimeException (buildout4j's {@code BuildoutException}) if substitution fails: a
   *     missing section or option, a circular reference
   */
  @Nullable String get(String option);

  /** The option's value, substituted, or {@code fallback} if the section has no such option. */
  default String get(String option, String fallback) {
    String value = get(option);
    return value == null ? fallback : value;
  }

  /**
   * The option's value, substituted; buildout's {@code options[option]}.
   *
   * @throws RuntimeException (buildout4j's {@code MissingOptionException}, message {@code Missing
   *     option: section:option}) if there is no such option
   */
  String require(String option);

  /**
   * A buildout boolean: {@code true} or {@code false} exactly (after stripping spaces), or {@code
   * fallback} when the option is absent or empty.
   *
   * @throws RecipeException naming {@code section:option} for any other value
   */
  default boolean flag(String option, boolean fallback) {
    String value = get(option);
    if (value == null || value.strip().isEmpty()) {
      return fallback;
    }
    switch (value.strip()) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new RecipeException(
            "Invalid value for "
                + section()
                + ":"
                + option
                + ": '"
                + value
                + "' (it must be true or false)");
    }
  }

  /** Whether the section has the option (raw or set). */
  boolean has(String option);

  /**
   * Sets an option, as a recipe constructor does for computed values. Only values set while the
   * recipe is being created count for change detection.
   */
  void set(String option, String value);

  /** Removes an option (raw, substituted and set values). */
  void remove(String option);

  /** The option names: the section's own in definition order, then those set later. */
  List<String> keys();

  /** Every option, substituted, in {@link #keys()} order: buildout's {@code options.copy()}. */
  Map<String, String> snapshot();
}

package io.buildout4j.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A live section: buildout's {@code Options}. Reads substitute {@code ${}} references on first use
 * (with the SlapOS extensions, {@code $${} reads as {@code ${}); values set are stored as given.
 *
 * <p>Handed to a {@link RecipeHook} and returned by {@link Profile#options(String)}; the part
 * engine wraps it as the recipe SPI's {@code Options}. Safe to use from any thread: every call
 * takes the profile's resolution lock.
 */
public final class SectionOptions {
  private final Resolver resolver;
  private final LiveSection section;

  SectionOptions(Resolver resolver, LiveSection section) {
    this.resolver = resolver;
    this.section = section;
  }

  /** The section's name. */
  public String name() {
    return section.name();
  }

  /**
   * The option's substituted value, or null if absent.
   *
   * @throws BuildoutException if substitution fails
   */
  public @Nullable String get(String option) {
    return locked(
        () -> {
          String value = section.get(option, null);
          return value == null ? null : resolver.read(value);
        });
  }

  /**
   * The option's substituted value.
   *
   * @throws MissingOptionException if absent
   */
  public String require(String option) {
    return locked(() -> resolver.read(section.require(option)));
  }

  /**
   * Where the option's raw value came from (file and line), as text, or an empty string if it was
   * set by code or is absent: for error messages.
   */
  public String origin(String option) {
    return locked(
        () -> {
          RawValue value = section.rawValue(option);
          return value == null ? "" : value.origin().toString();
        });
  }

  /** Whether the option exists (raw or set). */
  public boolean has(String option) {
    return locked(() -> section.has(option));
  }

  /** Sets an option; the value is stored as given, never substituted. */
  public void set(String option, String value) {
    locked(
        () -> {
          section.set(option, value);
          return null;
        });
  }

  /** Removes an option. */
  public void remove(String option) {
    locked(
        () -> {
          section.remove(option);
          return null;
        });
  }

  /** Option names: raw ones in definition order, then ones set later. */
  public List<String> keys() {
    return locked(() -> List.copyOf(section.keys()));
  }

  /** Every option substituted, in {@link #keys()} order. */
  public Map<String, String> snapshot() {
    return locked(
        () -> {
          Map<String, String> values = new LinkedHashMap<>();
          for (String key : section.keys()) {
            values.put(key, resolver.read(section.require(key)));
          }
          return Collections.unmodifiableMap(values);
        });
  }

  /**
   * Another section, materialised on first use. Called while this section is being initialised
   * (from its recipe's constructor), it records that section as one of this one's references.
   *
   * @throws MissingSectionException if there is no such section
   */
  public SectionOptions section(String name) {
    return locked(() -> new SectionOptions(resolver, resolver.section(name, null)));
  }

  /**
   * The sections this one reached while it was resolved ({@code ${}} references, {@code
   * <part-dependencies>}, reads by its recipe's constructor so far), in first-reach order.
   */
  public java.util.Set<String> references() {
    return locked(
        () ->
            Collections.unmodifiableSet(
                new java.util.LinkedHashSet<>(resolver.references(section.name()))));
  }

  /**
   * Another section if it has already been resolved, without resolving it and without counting as a
   * reference; null otherwise. Used to compute signatures while a recipe is being created.
   */
  public @Nullable SectionOptions peek(String name) {
    return locked(
        () -> {
          LiveSection known = resolver.liveSection(name);
          return known == null ? null : new SectionOptions(resolver, known);
        });
  }

  /** Whether the profile has a section of that name. */
  public boolean hasSection(String name) {
    return locked(() -> resolver.rawSection(name) != null);
  }

  private <T> T locked(Supplier<T> body) {
    boolean locked = resolver.lock().acquire();
    try {
      return body.get();
    } finally {
      if (locked) {
        resolver.lock().unlock();
      }
    }
  }
}

package io.buildout4j.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A loaded profile, resolved lazily as buildout resolves it: a section is materialised (macros,
 * substitution) the first time it is asked for, and a broken section nobody asks for is never an
 * error. Values returned are final strings; with the SlapOS extensions on, {@code $${} in them
 * reads as {@code ${}.
 *
 * <p>Obtained from {@link ProfileLoader#load(java.nio.file.Path)}. Safe to share between threads:
 * resolution is serialised internally, and everything returned is immutable.
 */
public final class Profile {
  private final RawProfile raw;
  private final Resolver resolver;
  private final ResolutionLock lock;

  Profile(RawProfile raw, Resolver resolver, boolean slapos) {
    this.raw = raw;
    this.resolver = resolver;
    this.lock = resolver.lock();
    resolver.slapos(slapos);
  }

  void initialize() {
    locked(
        () -> {
          resolver.initialize();
          return null;
        });
  }

  /**
   * The resolved value of {@code section:option}.
   *
   * @throws MissingSectionException if the section does not exist
   * @throws MissingOptionException if the option does not exist
   * @throws BuildoutException if resolving the section fails (bad reference, loop, ...)
   */
  public String get(String section, String option) {
    return locked(() -> read(resolver.section(section, null).require(option)));
  }

  /** The resolved value of {@code section:option}, or null if the section or option is absent. */
  public @Nullable String find(String section, String option) {
    return locked(
        () -> {
          if (resolver.rawSection(section) == null) {
            return null;
          }
          String value = resolver.section(section, null).get(option, null);
          return value == null ? null : read(value);
        });
  }

  /** Every option of a section, resolved, in buildout's key order. */
  public Map<String, String> section(String name) {
    return locked(
        () -> {
          LiveSection section = resolver.section(name, null);
          Map<String, String> values = new LinkedHashMap<>();
          for (String key : section.keys()) {
            values.put(key, read(section.require(key)));
          }
          return Collections.unmodifiableMap(values);
        });
  }

  /** Whether a section of that name exists (resolved or not). */
  public boolean hasSection(String name) {
    return locked(() -> resolver.rawSection(name) != null);
  }

  /** Every section name, in order of first appearance. */
  public List<String> sectionNames() {
    return locked(resolver::sectionNames);
  }

  /**
   * Every section resolved, sorted by name, each with its options sorted: what {@code resolve}
   * prints. Unlike an install, this resolves sections nobody references, so a broken one fails.
   */
  public Map<String, Map<String, String>> resolveAll() {
    return locked(
        () -> {
          Map<String, Map<String, String>> all = new TreeMap<>(PythonOrder.INSTANCE);
          List<String> names = new java.util.ArrayList<>(resolver.sectionNames());
          names.sort(PythonOrder.INSTANCE);
          for (String name : names) {
            LiveSection section = resolver.section(name, null);
            Map<String, String> values = new TreeMap<>(PythonOrder.INSTANCE);
            for (String key : section.keys()) {
              values.put(key, read(section.require(key)));
            }
            all.put(name, Collections.unmodifiableMap(values));
          }
          return Collections.unmodifiableMap(all);
        });
  }

  /**
   * The parts buildout would install, in its order. As buildout's {@code _parts}, this is the order
   * in which recipe sections were first initialised: this method initialises {@code [buildout]
   * parts} left to right, each after the recipe sections it references (directly or through other
   * sections), but a recipe section that an earlier call ({@link #get}, {@link #section}, ...)
   * already initialised keeps its earlier place, and is a part even when {@code parts} does not
   * list it, exactly as when something reads a section before buildout installs. Call it before
   * reading any section (the engine does) to get the install order of the profile alone.
   */
  public List<String> partOrder() {
    return locked(
        () -> {
          String parts = resolver.section("buildout", null).require("parts");
          for (String part : PythonStrings.splitWhitespace(parts)) {
            resolver.section(part, "buildout:parts").require("recipe");
          }
          return List.copyOf(resolver.parts());
        });
  }

  /**
   * Where {@code section:option} came from: its value as the layers assembled it (before macros and
   * substitution) and the steps that made it. For an option a {@code <=} macro brought in, the
   * history is the macro source's. Null if neither the layers nor a macro define it.
   */
  public @Nullable RawValue annotate(String section, String option) {
    RawValue value = raw.value(section, option);
    if (value != null) {
      return value;
    }
    return locked(
        () -> {
          if (resolver.rawSection(section) == null) {
            return null;
          }
          return resolver.section(section, null).rawValue(option);
        });
  }

  /**
   * A section's live options, materialising it (and creating its recipe, when the loader has a
   * {@link RecipeHook}) on first use. Used by the part engine, which reads and sets options through
   * it.
   *
   * @throws MissingSectionException if there is no such section
   */
  public SectionOptions options(String section) {
    return locked(() -> new SectionOptions(resolver, resolver.section(section, null)));
  }

  /**
   * The sections that {@code section} reached while it was resolved: through {@code ${}}
   * references, {@code <part-dependencies>}, and reads by its recipe's constructor. Empty if the
   * section has not been resolved. In the order they were first reached, the same in every JVM (the
   * part engine derives the dependency graph and the recorded signatures from this).
   */
  public java.util.Set<String> references(String section) {
    return locked(
        () ->
            Collections.unmodifiableSet(
                new java.util.LinkedHashSet<>(resolver.references(section))));
  }

  /** The profile as its layers assembled it, with every value's history. */
  public RawProfile raw() {
    return raw;
  }

  private String read(String value) {
    return resolver.read(value);
  }

  private <T> T locked(Supplier<T> body) {
    boolean locked = lock.acquire();
    try {
      return body.get();
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }
}

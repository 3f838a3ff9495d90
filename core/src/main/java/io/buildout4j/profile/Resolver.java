package io.buildout4j.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Resolves sections lazily, as zc.buildout's {@code Buildout} object does: a section is
 * materialised (macros, substitution, dependencies, recipe) the first time anything needs it, and
 * sections nobody needs are never checked. It also runs buildout's initialisation of {@code
 * [buildout]} (absolute directories, {@code installed}, log level and boolean checks).
 *
 * <p>Not thread-safe: {@link Profile} serialises access. The "While:" chain of every error it
 * throws is recorded from its activity stack.
 */
final class Resolver {
  /**
   * Longest value substitution may build, in characters; beyond it references expand themselves.
   */
  static final int MAX_VALUE_LENGTH = 32 * 1024 * 1024;

  private static final Pattern PYTHON_INT =
      Pattern.compile("[ \\t\\n\\x0B\\f\\r]*[+-]?\\d(?:_?\\d)*[ \\t\\n\\x0B\\f\\r]*");
  private static final List<String> LOG_LEVELS =
      List.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");

  private final Map<String, LinkedHashMap<String, RawValue>> raw;
  private final Map<String, LiveSection> live = new HashMap<>();
  private final List<String> parts = new ArrayList<>();
  private final Deque<String> activities = new ArrayDeque<>();
  private final LayerMerge merge;
  private final boolean recipePlaceholders;
  private final boolean fullHistory;
  private final PartHook partHook;
  private final Map<String, String> origins = new HashMap<>();
  private final Map<String, java.util.Set<String>> references = new HashMap<>();
  private final Deque<String> initializing = new ArrayDeque<>();
  private final ResolutionLock lock = new ResolutionLock();
  private boolean slapos;

  Resolver(RawProfile profile, boolean recipePlaceholders, boolean fullHistory, PartHook partHook) {
    this.raw = new LinkedHashMap<>();
    profile.sections().forEach((name, options) -> raw.put(name, new LinkedHashMap<>(options)));
    this.merge = new LayerMerge(fullHistory);
    this.recipePlaceholders = recipePlaceholders;
    this.fullHistory = fullHistory;
    this.partHook = partHook;
  }

  /** Buildout's initialisation: {@code [buildout]} resolved and its directories made absolute. */
  void initialize() {
    doing(
        "Initializing.",
        () -> {
          LinkedHashMap<String, RawValue> buildoutRaw = raw.get("buildout");
          if (buildoutRaw == null) {
            throw recorded(new MissingSectionException("buildout", ""));
          }
          RawValue directory = buildoutRaw.get("directory");
          if (directory != null) {
            for (String name : List.of("bin", "parts", "eggs", "develop-eggs")) {
              String key = name + "-directory";
              RawValue value = buildoutRaw.get(key);
              if (value == null) {
                throw recorded(
                    new MissingOptionException("buildout", key, "Missing option: buildout:" + key));
              }
              buildoutRaw.put(
                  key,
                  value.asDirectory(buildoutPath(directory.value(), value.value()), fullHistory));
            }
          }
          RawValue offlineValue = buildoutRaw.get("offline");
          boolean offline =
              BuildoutDefaults.bool(
                  "offline",
                  offlineValue == null ? "" : offlineValue.value(),
                  offlineValue == null ? null : offlineValue.origin());
          if (!offline) {
            RawValue newest = buildoutRaw.get("newest");
            BuildoutDefaults.bool(
                "newest",
                newest == null ? "" : newest.value(),
                newest == null ? null : newest.origin());
          }
          LiveSection buildout = section("buildout", null);
          String buildoutDirectory = buildout.require("directory");
          for (String name : List.of("bin", "parts", "eggs", "develop-eggs")) {
            String key = name + "-directory";
            buildout.set(key, buildoutPath(buildoutDirectory, buildout.require(key)));
          }
          String installed = buildout.require("installed");
          if (!installed.isEmpty()) {
            buildout.set("installed", PythonPaths.join(buildout.require("directory"), installed));
          }
          buildout.require("log-format");
          String level = buildout.require("log-level");
          if (!LOG_LEVELS.contains(level) && !PYTHON_INT.matcher(level).matches()) {
            throw recorded(
                new BuildoutException(
                    "UserError", "Invalid logging level " + level + where(buildout, "log-level")));
          }
          String verbosity = buildout.get("verbosity", null);
          if (verbosity != null && !PYTHON_INT.matcher(verbosity).matches()) {
            throw recorded(
                new BuildoutException(
                    "UserError", "Invalid verbosity " + verbosity + where(buildout, "verbosity")));
          }
          buildout.require("socket-timeout");
          boolean fromCache =
              BuildoutDefaults.bool(
                  "install-from-cache",
                  buildout.require("install-from-cache"),
                  origin(buildout, "install-from-cache"));
          if (fromCache && offline) {
            throw recorded(
                new BuildoutException(
                    "UserError",
                    "install-from-cache can't be used with offline mode.\nNothing is installed, even from cache, in offline\n"
                        + "mode, which might better be called 'no-install mode'.\n"));
          }
          for (String name : BuildoutDefaults.values("").keySet()) {
            buildout.require(name);
          }
          return null;
        });
  }

  private static @Nullable Origin origin(LiveSection section, String option) {
    RawValue value = section.rawValue(option);
    return value == null ? null : value.origin();
  }

  private static String where(LiveSection section, String option) {
    Origin origin = origin(section, option);
    return origin == null ? "" : " (" + origin + ")";
  }

  private static String buildoutPath(String directory, String name) {
    return name.contains("${") ? name : PythonPaths.join(directory, name);
  }

  /** Buildout's {@code buildout[name]}: the section, materialised on first use. */
  LiveSection section(String name, @Nullable String referrer) {
    String from = initializing.peekLast();
    if (from != null && !from.equals(name) && raw.containsKey(name)) {
      references.computeIfAbsent(from, k -> new java.util.LinkedHashSet<>()).add(name);
    }
    LiveSection known = live.get(name);
    if (known != null) {
      return known;
    }
    return doing(
        "Getting section " + name + ".",
        () -> {
          LinkedHashMap<String, RawValue> values = raw.get(name);
          if (values == null) {
            throw recorded(
                new MissingSectionException(name, referrer == null ? "" : referrer(referrer)));
          }
          LiveSection section = new LiveSection(this, name, values);
          live.put(name, section);
          DeepCalls.call(
              "The chain of references",
              () -> {
                section.initialize();
                return null;
              });
          return section;
        });
  }

  /**
   * Runs a section's initialisation (substitution, dependencies, recipe), so that every section it
   * reaches meanwhile is recorded as one of its references.
   */
  void initializing(String name, Runnable body) {
    initializing.addLast(name);
    try {
      body.run();
    } finally {
      initializing.removeLast();
    }
  }

  /** The sections {@code name} reached while it was initialised, in first-reach order. */
  java.util.Set<String> references(String name) {
    java.util.Set<String> found = references.get(name);
    return found == null ? java.util.Set.of() : java.util.Collections.unmodifiableSet(found);
  }

  /** The section if it has been materialised, without recording a reference; else null. */
  @Nullable LiveSection liveSection(String name) {
    return live.get(name);
  }

  /** Whether a section has been materialised. */
  boolean isLive(String name) {
    return live.containsKey(name);
  }

  /** The lock that serialises resolution; held by {@link Profile} and {@link SectionOptions}. */
  ResolutionLock lock() {
    return lock;
  }

  void slapos(boolean on) {
    slapos = on;
  }

  /** A value as a reader sees it: with the SlapOS extensions, {@code $${} reads as {@code ${}. */
  String read(String value) {
    return slapos && value.contains("$${") ? value.replace("$${", "${") : value;
  }

  /** The raw (unexpanded) values of a section, as macros read them; null if none. */
  @Nullable LinkedHashMap<String, RawValue> rawSection(String name) {
    return raw.get(name);
  }

  /** Every section name, in order of first appearance. */
  List<String> sectionNames() {
    return Collections.unmodifiableList(new ArrayList<>(raw.keySet()));
  }

  /** The parts in the order their sections finished materialising. */
  List<String> parts() {
    return Collections.unmodifiableList(parts);
  }

  void addPart(String name) {
    parts.add(name);
  }

  PartHook partHook() {
    return partHook;
  }

  LayerMerge merge() {
    return merge;
  }

  boolean fullHistory() {
    return fullHistory;
  }

  boolean recipePlaceholders() {
    return recipePlaceholders;
  }

  /** Runs {@code body} as the named activity, recording the activity chain in any error. */
  <T> T doing(String activity, Supplier<T> body) {
    activities.addLast(activity);
    try {
      return body.get();
    } catch (BuildoutException e) {
      throw recorded(e);
    } finally {
      activities.removeLast();
    }
  }

  /** Records the current activity chain in {@code e} (if it has none yet) and returns it. */
  <E extends BuildoutException> E recorded(E e) {
    if (e.whileChain().isEmpty()) {
      e.recordWhile(new ArrayList<>(activities));
    }
    return e;
  }

  /** " (referenced by s:o at file:line)" for a {@code section:option} key, for error messages. */
  String referrer(String key) {
    return origins.computeIfAbsent(
        key,
        k -> {
          int colon = k.indexOf(':');
          String section = k.substring(0, colon);
          String option = k.substring(colon + 1);
          LiveSection known = live.get(section);
          RawValue value = known != null ? known.rawValue(option) : null;
          if (value == null && raw.containsKey(section)) {
            value = raw.get(section).get(option);
          }
          return " (referenced by " + k + (value == null ? "" : ", " + value.origin()) + ")";
        });
  }

  /** Refuses a value that substitution has grown past {@link #MAX_VALUE_LENGTH}. */
  void checkLength(CharSequence value, String section, String option) {
    if (value.length() > MAX_VALUE_LENGTH) {
      throw recorded(
          new BuildoutException(
              "UserError",
              "The value of "
                  + section
                  + ":"
                  + option
                  + " grows beyond "
                  + MAX_VALUE_LENGTH
                  + " characters; its references expand themselves"));
    }
  }
}

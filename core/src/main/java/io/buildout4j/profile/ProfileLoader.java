package io.buildout4j.profile;

import io.buildout4j.profile.condition.TargetEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to load a profile: command-line assignments, user defaults, offline mode, the SlapOS
 * extensions, the Python and platform that section conditions are evaluated for, and how much
 * history to keep. Immutable: each {@code with}-style method returns a changed copy, so one
 * configured loader can be shared and reused.
 *
 * <p>Obtained from {@link Profiles#loader()}; {@link #load(Path)} and {@link #load(String)} read a
 * profile and return a lazily resolved {@link Profile}.
 */
public final class ProfileLoader {
  private final LoadSettings settings;
  private final PartHook partHook;

  private ProfileLoader(LoadSettings settings, PartHook partHook) {
    this.settings = settings;
    this.partHook = partHook;
  }

  static ProfileLoader defaults() {
    String home = System.getenv("BUILDOUT_HOME");
    Path userDefaults =
        home != null && !home.isEmpty()
            ? Path.of(home, "default.cfg")
            : Path.of(System.getProperty("user.home"), ".buildout", "default.cfg");
    return new ProfileLoader(
        new LoadSettings(
            List.of(),
            true,
            userDefaults,
            false,
            true,
            false,
            false,
            TargetEnvironment.current(),
            defaultExecutable(),
            Path.of("").toAbsolutePath(),
            Duration.ofSeconds(60)),
        PartHook.NONE);
  }

  /** Adds a command-line assignment {@code section:option=value} ({@code +=}/{@code -=} too). */
  public ProfileLoader override(String assignment) {
    return override(Assignment.parse(assignment));
  }

  /** Adds a command-line assignment; later assignments of the same option win. */
  public ProfileLoader override(Assignment assignment) {
    return with(
        settings.with(s -> s.overrides.add(Objects.requireNonNull(assignment, "assignment"))));
  }

  /** Whether to read user defaults ({@code -U} turns them off). */
  public ProfileLoader userDefaults(boolean read) {
    return with(settings.with(s -> s.userDefaults = read));
  }

  /** Reads user defaults from {@code file} instead of the usual place. */
  public ProfileLoader userDefaultsFile(Path file) {
    return with(settings.with(s -> s.userDefaultsFile = Objects.requireNonNull(file, "file")));
  }

  /** Offline: remote {@code extends} are served from the {@code extends-cache} only. */
  public ProfileLoader offline(boolean offline) {
    return with(settings.with(s -> s.offline = offline));
  }

  /**
   * The SlapOS extensions (on by default): {@code ${:_profile_base_location_}} is the directory or
   * URL base of the file that defines the section, and {@code $${} reads as a literal {@code ${}
   * in resolved values. Off: upstream zc.buildout, where {@code $$} stays as written.
   */
  public ProfileLoader slaposExtensions(boolean on) {
    return with(settings.with(s -> s.slaposExtensions = on));
  }

  /**
   * Keep every step of every value's history (for {@code annotate -v}); by default only the steps
   * since the value was last set are kept, which is what shaped it.
   */
  public ProfileLoader fullHistory(boolean full) {
    return with(settings.with(s -> s.fullHistory = full));
  }

  /**
   * With no recipes to add options, let a reference to a missing option of a section that has a
   * {@code recipe} resolve to {@code @RECIPE{section:option}} instead of failing.
   */
  public ProfileLoader recipePlaceholders(boolean on) {
    return with(settings.with(s -> s.recipePlaceholders = on));
  }

  /** The Python and platform that section conditions answer for (default: CPython 3.11 here). */
  public ProfileLoader target(TargetEnvironment target) {
    return with(settings.with(s -> s.target = Objects.requireNonNull(target, "target")));
  }

  /** The value of {@code ${buildout:executable}} (default: {@code python3} found on the PATH). */
  public ProfileLoader executable(String executable) {
    return with(
        settings.with(s -> s.executable = Objects.requireNonNull(executable, "executable")));
  }

  /** The directory relative profile paths and command-line {@code extends} resolve against. */
  public ProfileLoader workingDirectory(Path directory) {
    return with(settings.with(s -> s.workingDirectory = directory.toAbsolutePath().normalize()));
  }

  /** Connect and read timeout for remote {@code extends}. */
  public ProfileLoader fetchTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("fetch timeout must be positive: " + timeout);
    }
    return with(settings.with(s -> s.fetchTimeout = timeout));
  }

  /**
   * Calls {@code hook} each time a section with a non-empty {@code recipe} has been substituted,
   * just before it joins the part list: buildout's recipe constructor. Used by the part engine to
   * create recipes; embedders normally leave it to {@code io.buildout4j.engine.Buildout}.
   */
  public ProfileLoader recipeHook(RecipeHook hook) {
    Objects.requireNonNull(hook, "hook");
    return new ProfileLoader(
        settings, section -> hook.initialize(new SectionOptions(section.resolver(), section)));
  }

  /** Whether the loader works offline. */
  public boolean isOffline() {
    return settings.offline();
  }

  /**
   * Reads the profile at {@code path} and everything it extends, and initialises {@code
   * [buildout]}. Other sections are resolved when first asked for.
   *
   * @throws BuildoutException if a file cannot be read or parsed, extends loop, or {@code
   *     [buildout]} cannot be resolved
   */
  public Profile load(Path path) {
    return load(path.toString());
  }

  /** Like {@link #load(Path)} for a path or an {@code http(s)://} or {@code file:} URL. */
  public Profile load(String location) {
    RawProfile raw = new ProfileAssembler(settings).assemble(location);
    Resolver resolver =
        new Resolver(raw, settings.recipePlaceholders(), settings.fullHistory(), partHook);
    Profile profile = new Profile(raw, resolver, settings.slaposExtensions());
    profile.initialize();
    return profile;
  }

  /** Reads and assembles the layers only: no substitution, no {@code [buildout]} initialisation. */
  public RawProfile loadRaw(String location) {
    return new ProfileAssembler(settings).assemble(location);
  }

  private ProfileLoader with(LoadSettings changed) {
    return new ProfileLoader(changed, partHook);
  }

  private static String defaultExecutable() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String directory : path.split(java.io.File.pathSeparator)) {
        if (directory.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(directory, "python3");
        if (Files.isExecutable(candidate)) {
          return candidate.toAbsolutePath().toString();
        }
      }
    }
    return "python3";
  }
}

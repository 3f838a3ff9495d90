package io.buildout4j.testkit;

import io.buildout4j.engine.BuildListener;
import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.PartPlan;
import io.buildout4j.engine.Plan;
import io.buildout4j.engine.RunFailedException;
import io.buildout4j.engine.RunReport;
import io.buildout4j.profile.Assignment;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profile;
import io.buildout4j.profile.ProfileLoader;
import io.buildout4j.profile.Profiles;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A throw-away buildout directory for a recipe's tests: write its profile and other files, run
 * {@link #install()}, {@link #plan()} and {@link #uninstall(String...)} through the real engine
 * ({@link Buildout}), and read back what was installed ({@link #installed()}), the parts' logs
 * ({@link #log(String)}) and files ({@link #read(String)}).
 *
 * <p>A test makes one with {@link #builder(Path)} (typically on a JUnit {@code @TempDir}), offering
 * the recipes under test with {@link Builder#recipe(RecipeFactory)}; recipes on the test's class
 * path (found by {@link java.util.ServiceLoader}), in {@code [buildout] develop} entries and, when
 * {@code buildout4j-recipes-maven} is on the class path, named by Maven coordinates are found too,
 * exactly as the command line finds them.
 *
 * <p>Each run is a complete run of the engine, as {@code buildout4j install} is: the profile is
 * read afresh, so a test may rewrite it between runs and see what the next run does. User defaults
 * ({@code ~/.buildout/default.cfg}) are never read, so tests do not depend on the machine.
 *
 * <p>Immutable; the directory, of course, is not. Every argument must be non-null.
 */
public final class TestBuildout {
  /** The name of the profile {@link #profile(String)} writes, in the directory. */
  public static final String PROFILE = "buildout.cfg";

  private static final String LOG_DIRECTORY = ".buildout4j/logs";

  private final Path directory;
  private final List<RecipeFactory> recipes;
  private final List<Assignment> assignments;
  private final @Nullable Boolean offline;
  private final @Nullable Integer jobs;
  private final boolean keepGoing;
  private final BuildListener listener;

  private TestBuildout(Builder builder) {
    this.directory = builder.directory;
    this.recipes = List.copyOf(builder.recipes);
    this.assignments = List.copyOf(builder.assignments);
    this.offline = builder.offline;
    this.jobs = builder.jobs;
    this.keepGoing = builder.keepGoing;
    this.listener = builder.listener;
  }

  /**
   * Starts configuring a test buildout in {@code directory}, which is created if needed. Called by
   * a test, usually with a JUnit {@code @TempDir}; the kit deletes nothing, the temporary
   * directory's owner does.
   */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /** The buildout directory, absolute: where the profile is and what it describes. */
  public Path directory() {
    return directory;
  }

  /** The profile's path: {@value #PROFILE} in the directory, whether written yet or not. */
  public Path profilePath() {
    return directory.resolve(PROFILE);
  }

  /**
   * Writes the profile ({@value #PROFILE}), replacing the previous one. Called before a run, and
   * between runs to see what a change to the profile does.
   *
   * @return this, to chain a run: {@code buildout.profile(text).install()}
   * @throws UncheckedIOException if the file cannot be written
   */
  public TestBuildout profile(String text) {
    write(PROFILE, text);
    return this;
  }

  /**
   * Writes a file of the test's, e.g. a profile the main one extends or a template a recipe reads,
   * creating its directories.
   *
   * @param relativePath relative to the buildout directory, and inside it
   * @param text the file's content, written as UTF-8
   * @return the file's absolute path
   * @throws IllegalArgumentException if the path is absolute or leads out of the directory
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path write(String relativePath, String text) {
    Path file = file(relativePath);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /**
   * The absolute path of a file in the buildout directory, existing or not.
   *
   * @param relativePath relative to the buildout directory, and inside it
   * @throws IllegalArgumentException if the path is absolute or leads out of the directory
   */
  public Path file(String relativePath) {
    Path relative = Path.of(relativePath);
    Path file = directory.resolve(relative).normalize();
    if (relative.isAbsolute() || !file.startsWith(directory)) {
      throw new IllegalArgumentException(
          "Not a path inside the buildout directory " + directory + ": '" + relativePath + "'");
    }
    return file;
  }

  /**
   * The text of a file in the buildout directory (UTF-8), e.g. one a recipe wrote.
   *
   * @param relativePath relative to the buildout directory, and inside it
   * @throws AssertionError if there is no such file; the message lists what its directory holds
   * @throws UncheckedIOException if it cannot be read
   */
  public String read(String relativePath) {
    Path file = file(relativePath);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "No file "
              + relativePath
              + " in the buildout directory "
              + directory
              + " ("
              + describeParent(file)
              + ")");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private String describeParent(Path file) {
    Path parent = file.getParent();
    String name = directory.relativize(parent).toString();
    String shown = name.isEmpty() ? "the directory" : name + "/";
    if (!Files.isDirectory(parent)) {
      return shown + " does not exist either";
    }
    List<String> entries = list(parent, "");
    return entries.isEmpty()
        ? shown + " is empty"
        : shown + " holds: " + String.join(", ", entries);
  }

  /** The file names in {@code directory} ending with {@code suffix}, without it, sorted. */
  private static List<String> list(Path directory, String suffix) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(suffix))
          .map(n -> n.substring(0, n.length() - suffix.length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * The engine configured for this directory: the profile, the recipes offered, the assignments,
   * offline, jobs, keep-going and listener of the builder. For what the kit does not wrap, e.g.
   * {@link Buildout#loadProfile()}.
   */
  public Buildout buildout() {
    Buildout.Builder builder =
        Buildout.builder(profilePath()).loader(loader()).keepGoing(keepGoing).listener(listener);
    if (jobs != null) {
      builder.jobs(jobs);
    }
    recipes.forEach(builder::recipe);
    return builder.build();
  }

  private ProfileLoader loader() {
    ProfileLoader loader = Profiles.loader().userDefaults(false).workingDirectory(directory);
    if (offline != null) {
      loader = loader.offline(offline).override("buildout:offline=" + offline);
    }
    for (Assignment assignment : assignments) {
      loader = loader.override(assignment);
    }
    return loader;
  }

  /**
   * Installs {@code [buildout] parts}, as {@code buildout4j install} does: uninstalls what is no
   * longer wanted or has changed, then installs or updates every part.
   *
   * @return what the run did to each part
   * @throws RunFailedException if a part fails (its {@link RunFailedException#report()} says what
   *     was done)
   * @throws BuildoutException if the profile or a recipe cannot be loaded
   */
  public RunReport install() {
    return buildout().install();
  }

  /** Installs or updates only the named parts, in that order; other installed parts stay. */
  public RunReport install(List<String> parts) {
    return buildout().install(parts);
  }

  /**
   * Runs {@link #install()} expecting it to fail, e.g. to check a recipe's error message.
   *
   * @return the failure: a {@link RunFailedException} when a part failed, another {@link
   *     BuildoutException} when the profile or a recipe could not even be loaded
   * @throws AssertionError if the install succeeds; the message says what it did
   */
  public BuildoutException installFails() {
    RunReport report;
    try {
      report = install();
    } catch (BuildoutException e) {
      return e;
    }
    throw new AssertionError(
        "Expected the install to fail, but it succeeded: " + Describe.outcomes(report));
  }

  /**
   * What {@link #install()} would do to each part and why, without doing it. Recipes are created
   * (they may compute options); nothing is written.
   *
   * @throws BuildoutException if the profile or a recipe cannot be loaded
   */
  public Plan plan() {
    return buildout().plan();
  }

  /**
   * What {@link #install()} would do to one part, and why ({@link PartPlan#action()}, {@link
   * PartPlan#reason()}).
   *
   * @throws AssertionError if the run would not concern the part; the message lists those it would
   * @throws BuildoutException if the profile or a recipe cannot be loaded
   */
  public PartPlan plan(String part) {
    Plan plan = plan();
    PartPlan planned = plan.part(part);
    if (planned == null) {
      throw new AssertionError(
          "An install would not concern part "
              + part
              + "; it concerns: "
              + (plan.parts().isEmpty() ? "no part" : String.join(", ", plan.parts().keySet())));
    }
    return planned;
  }

  /**
   * Uninstalls the named installed parts, or every installed part when none is named, as {@code
   * buildout4j uninstall} does: each part's uninstaller runs, then its recorded paths are deleted.
   *
   * @throws RunFailedException if an uninstaller fails
   * @throws BuildoutException if the profile cannot be loaded
   */
  public RunReport uninstall(String... parts) {
    return buildout().uninstall(Arrays.asList(parts));
  }

  /**
   * What the installed state ({@code .installed.cfg}) records now: the installed parts, their
   * options and paths. Read with the engine's own reader, {@link
   * io.buildout4j.engine.InstalledStateFile}.
   *
   * <p>The file and the buildout directory are those the profile's {@code [buildout] installed} and
   * {@code directory} name (by default {@code .installed.cfg} in this directory); when there is no
   * profile or it cannot be loaded, the defaults.
   *
   * @return the state; empty when nothing is installed
   */
  public InstalledParts installed() {
    Layout layout = layout();
    return layout.installed == null
        ? InstalledParts.none()
        : InstalledParts.read(layout.installed, layout.directory);
  }

  /**
   * A part's log, {@code .buildout4j/logs/PART.log} in the buildout directory: what its recipe
   * logged and its processes printed during its last install, update or uninstall.
   *
   * @throws AssertionError if the part has no log; the message lists the parts that have one
   */
  public PartLogText log(String part) {
    Path logs = layout().directory.resolve(LOG_DIRECTORY);
    Path file = logs.resolve(part + ".log");
    if (!Files.isRegularFile(file)) {
      List<String> written = Files.isDirectory(logs) ? list(logs, ".log") : List.of();
      throw new AssertionError(
          "No log for part "
              + part
              + ": "
              + file
              + " does not exist; "
              + (written.isEmpty()
                  ? "no part has written a log"
                  : "parts with a log: " + String.join(", ", written)));
    }
    try {
      return new PartLogText(part, file, Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The buildout directory and installed-state file the profile names, or the defaults. */
  private Layout layout() {
    Layout defaults = new Layout(directory, directory.resolve(".installed.cfg"));
    if (!Files.isRegularFile(profilePath())) {
      return defaults;
    }
    Profile profile;
    try {
      profile = loader().load(profilePath());
    } catch (BuildoutException e) {
      return defaults;
    }
    Path buildoutDirectory = directory.resolve(profile.get("buildout", "directory"));
    String installed = profile.get("buildout", "installed").strip();
    return new Layout(
        buildoutDirectory, installed.isEmpty() ? null : buildoutDirectory.resolve(installed));
  }

  private record Layout(Path directory, @Nullable Path installed) {}

  /** Configures a {@link TestBuildout}; obtained from {@link TestBuildout#builder(Path)}. */
  public static final class Builder {
    private final Path directory;
    private final List<RecipeFactory> recipes = new ArrayList<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private @Nullable Boolean offline;
    private @Nullable Integer jobs;
    private boolean keepGoing;
    private BuildListener listener = BuildListener.NONE;

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    /**
     * Offers a recipe to the engine without {@link java.util.ServiceLoader}: the recipe under test,
     * or a helper the test writes. It answers to its {@link RecipeFactory#names()}; a {@code
     * develop} recipe of the same name wins over it, and it wins over class-path recipes.
     */
    public Builder recipe(RecipeFactory factory) {
      recipes.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * A command-line assignment, {@code section:option=value} ({@code +=} and {@code -=} too), as
     * after {@code buildout4j install}; later ones win.
     *
     * @throws BuildoutException naming the text if it is not an assignment
     */
    public Builder override(String assignment) {
      assignments.add(Assignment.parse(Objects.requireNonNull(assignment, "assignment")));
      return this;
    }

    /**
     * Offline ({@code -o}) or online ({@code -O}): sets {@code buildout:offline}, which recipes see
     * as {@link io.buildout4j.recipe.Part#offline()}, and makes remote {@code extends} and Maven
     * recipes come from caches and the local repository only. Default: what the profile says.
     */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    /** How many parts may run at once ({@code -j N}); default: {@code [buildout] jobs}, else 1. */
    public Builder jobs(int jobs) {
      if (jobs < 1) {
        throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
      }
      this.jobs = jobs;
      return this;
    }

    /** After a failure, go on with the parts that do not depend on the failed one. */
    public Builder keepGoing(boolean keepGoing) {
      this.keepGoing = keepGoing;
      return this;
    }

    /** Who hears the runs' events (default: nobody); called from the part threads. */
    public Builder listener(BuildListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The test buildout; creates its directory.
     *
     * @throws UncheckedIOException if the directory cannot be created
     */
    public TestBuildout build() {
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create " + directory + ": " + e.getMessage(), e);
      }
      return new TestBuildout(this);
    }
  }
}

package io.buildout4j.engine;

import io.buildout4j.download.DownloadService;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profile;
import io.buildout4j.profile.ProfileLoader;
import io.buildout4j.profile.Profiles;
import io.buildout4j.profile.SectionOptions;
import io.buildout4j.recipe.BuildoutDirectories;
import io.buildout4j.recipe.Downloads;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A buildout: a profile and the directory it describes, brought to that state by running recipes on
 * parts, as zc.buildout's {@code install} does. The entry point of the part engine for the command
 * line and for embedders:
 *
 * <pre>{@code
 * Buildout buildout = Buildout.builder(Path.of("buildout.cfg")).jobs(4).listener(l).build();
 * Plan plan = buildout.plan();          // what would happen, and why
 * RunReport report = buildout.install(); // do it
 * }</pre>
 *
 * <p>Each call is a complete run: it loads the profile afresh (creating every part's recipe), reads
 * the installed state, and, for {@link #install()} and {@link #uninstall(List)}, takes the lock on
 * the buildout directory for the duration. Instances are immutable and may be reused; runs of one
 * directory exclude each other through the lock.
 */
public final class Buildout {
  private static final String LOG_DIRECTORY = ".buildout4j/logs";

  private final String location;
  private final ProfileLoader loader;
  private final @Nullable Integer jobs;
  private final boolean keepGoing;
  private final BuildListener listener;
  private final List<RecipeFactory> recipes;
  private final boolean loadRecipes;
  private final @Nullable Downloads downloads;

  private Buildout(Builder builder) {
    this.location = builder.location;
    this.loader = builder.loader;
    this.jobs = builder.jobs;
    this.keepGoing = builder.keepGoing;
    this.listener = builder.listener;
    this.recipes = List.copyOf(builder.recipes);
    this.loadRecipes = builder.loadRecipes;
    this.downloads = builder.downloads;
  }

  /** Starts configuring a buildout of the profile at {@code profile}. */
  public static Builder builder(Path profile) {
    return new Builder(profile.toString());
  }

  /** Starts configuring a buildout of the profile at a path or {@code http(s)://} URL. */
  public static Builder builder(String profile) {
    return new Builder(profile);
  }

  /**
   * What {@link #install()} would do, and why, without doing it: recipes are created (they may
   * compute options) but nothing is installed, uninstalled or written.
   *
   * @throws BuildoutException if the profile or a recipe cannot be loaded
   */
  public Plan plan() {
    return plan(null);
  }

  /**
   * The profile as an install sees it: loaded with every recipe created when its section is
   * resolved (so options recipes compute are there). Nothing is installed, no state is read, no
   * lock is taken. Used by {@code resolve} on the command line.
   */
  public Profile loadProfile() {
    Run run = open();
    return run.profile;
  }

  /** What {@link #install(List)} with these parts would do. */
  public Plan plan(@Nullable List<String> parts) {
    try (Run run = open()) {
      return run.planner.plan(StateStore.open(run.installedFile).current(), parts, false).plan();
    }
  }

  /**
   * Installs {@code [buildout] parts}: uninstalls what is no longer wanted or has changed, then
   * installs or updates every part, in buildout's order (or in parallel over the references with
   * more than one job).
   *
   * @throws RunFailedException if a part fails; what was done before stays recorded
   * @throws BuildoutException if the profile cannot be loaded or the directory is locked
   */
  public RunReport install() {
    return execute(null, false);
  }

  /**
   * Installs or updates only the named parts, in the order given; parts they reference are resolved
   * but not installed, and other installed parts are left alone.
   */
  public RunReport install(List<String> parts) {
    return execute(List.copyOf(parts), false);
  }

  /** Uninstalls the named installed parts, or every installed part if {@code parts} is empty. */
  public RunReport uninstall(List<String> parts) {
    return execute(List.copyOf(parts), true);
  }

  private RunReport execute(@Nullable List<String> named, boolean uninstallOnly) {
    long start = System.nanoTime();
    try (Run run = open()) {
      int jobs = jobs(run);
      Path directory = run.settings.get().directories().directory();
      try (DirectoryLock lock =
          DirectoryLock.acquire(
              directory, "buildout4j " + (uninstallOnly ? "uninstall" : "install"))) {
        if (!uninstallOnly) {
          createDirectories(run.settings.get().directories());
        }
        StateStore store = StateStore.open(run.installedFile);
        PartRunner runner = new PartRunner(store, run.settings.get(), run.catalog);
        try {
          for (String recovered : runner.recover()) {
            listener.message("Removed what an interrupted run left of part " + recovered + ".");
          }
          Planner.PlannedRun planned = run.planner.plan(store.current(), named, uninstallOnly);
          Plan plan = planned.plan();
          listener.runStarted(plan);
          List<PartOutcome> outcomes = new ArrayList<>();
          for (String part : plan.uninstalls()) {
            InstalledPart installed = store.current().part(part).orElseThrow();
            long began = System.nanoTime();
            try {
              runner.uninstall(installed);
            } catch (BuildoutException e) {
              outcomes.add(
                  new PartOutcome(
                      part,
                      Action.UNINSTALL,
                      PartOutcome.Status.FAILED,
                      Duration.ofNanos(System.nanoTime() - began),
                      List.of(),
                      e.getMessage()));
              RunReport report =
                  new RunReport(plan, outcomes, Duration.ofNanos(System.nanoTime() - start));
              throw new RunFailedException(e, report, e.getMessage());
            }
            outcomes.add(
                new PartOutcome(
                    part,
                    Action.UNINSTALL,
                    PartOutcome.Status.DONE,
                    Duration.ofNanos(System.nanoTime() - began),
                    List.of(),
                    null));
          }
          Scheduler scheduler = new Scheduler(jobs, keepGoing, listener);
          BuildoutException failure =
              scheduler.run(
                  plan,
                  (part, action) -> {
                    PartCatalog.CreatedPart created = run.catalog.part(part);
                    java.util.Map<String, String> options = planned.options().get(part);
                    if (action == Action.UPDATE) {
                      return runner.update(
                          created, store.current().part(part).orElseThrow(), options);
                    }
                    return runner.install(created, options, action);
                  },
                  outcomes);
          RunReport report =
              new RunReport(plan, outcomes, Duration.ofNanos(System.nanoTime() - start));
          if (failure != null) {
            List<String> failed = report.parts(PartOutcome.Status.FAILED);
            String message =
                failed.size() > 1
                    ? failure.getMessage()
                        + "\n"
                        + failed.size()
                        + " parts failed: "
                        + String.join(", ", failed)
                    : failure.getMessage();
            throw new RunFailedException(failure, report, message);
          }
          return report;
        } finally {
          store.flush();
        }
      }
    }
  }

  private int jobs(Run run) {
    if (jobs != null) {
      return jobs;
    }
    SectionOptions buildout = run.profile.options("buildout");
    String value = buildout.get("jobs");
    if (value == null || value.isBlank()) {
      return 1;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    String where = buildout.origin("jobs");
    throw new BuildoutException(
        "UserError",
        "Invalid value for buildout:jobs: '"
            + value
            + "' (a whole number of at least 1)"
            + (where.isEmpty() ? "" : " (" + where + ")"));
  }

  private static void createDirectories(BuildoutDirectories directories) {
    for (Path path : List.of(directories.bin(), directories.parts(), directories.developEggs())) {
      try {
        Files.createDirectories(path);
      } catch (IOException e) {
        throw new BuildoutException(
            "UserError", "Cannot create the directory " + path + ": " + e.getMessage(), e);
      }
    }
  }

  private Run open() {
    RecipeRegistry registry = new RecipeRegistry(recipes, Buildout.class.getClassLoader());
    SettingsHolder holder = new SettingsHolder();
    PartCatalog catalog = new PartCatalog(registry, holder);
    holder.catalog = catalog;
    ProfileLoader configured = loadRecipes ? loader.recipeHook(catalog) : loader;
    Profile profile;
    try {
      profile = configured.load(location);
    } catch (BuildoutException e) {
      registry.close();
      throw e;
    }
    holder.profile = profile;
    SectionOptions buildout = profile.options("buildout");
    catalog.useBuildout(buildout);
    String installed = buildout.require("installed");
    Path installedFile = installed.isEmpty() ? null : Path.of(installed);
    Path directory = Path.of(buildout.require("directory"));
    Planner planner = new Planner(profile, loadRecipes ? catalog : null, directory);
    return new Run(profile, catalog, planner, holder, installedFile, registry);
  }

  /**
   * The settings every part of a run shares, read from {@code [buildout]} on first use. That use
   * may come while the profile is still loading: a {@code [buildout]} option that references a part
   * ({@code tool = ${b:command}}) creates that part's recipe while {@code [buildout]} is
   * initialised, as in zc.buildout; the settings are then read from the section being initialised.
   */
  private final class SettingsHolder implements Supplier<RunSettings> {
    private @Nullable Profile profile;
    private @Nullable PartCatalog catalog;
    private @Nullable RunSettings settings;
    private @Nullable DownloadService service;

    @Override
    public synchronized RunSettings get() {
      if (settings == null) {
        SectionOptions buildout;
        if (profile != null) {
          buildout = profile.options("buildout");
        } else if (catalog != null && catalog.buildout() != null) {
          buildout = catalog.buildout();
        } else {
          throw new IllegalStateException("no [buildout] section to read the settings from yet");
        }
        settings = read(buildout);
      }
      return settings;
    }

    private RunSettings read(SectionOptions buildout) {
      Path directory = Path.of(buildout.require("directory"));
      String cache = buildout.get("download-cache");
      BuildoutDirectories directories =
          new BuildoutDirectories(
              directory,
              directory.resolve(buildout.require("bin-directory")),
              directory.resolve(buildout.require("parts-directory")),
              directory.resolve(buildout.require("eggs-directory")),
              directory.resolve(buildout.require("develop-eggs-directory")),
              cache == null || cache.isBlank() ? null : directory.resolve(cache.strip()));
      boolean offline = "true".equals(buildout.get("offline"));
      boolean newest = "true".equals(buildout.get("newest"));
      Function<String, Downloads> perPart;
      if (downloads != null) {
        Downloads given = downloads;
        perPart = part -> given;
      } else {
        service =
            DownloadService.builder(directory)
                .cache(directories.downloadCache())
                .offline(offline)
                .timeout(socketTimeout(buildout))
                .listener(listener::downloadProgress)
                .build();
        perPart = service::forPart;
      }
      return new RunSettings(
          directories, offline, newest, directory.resolve(LOG_DIRECTORY), listener, perPart);
    }

    /** Deletes the run's temporary downloads, if the run made any. */
    synchronized void close() {
      if (service != null) {
        service.close();
      }
    }
  }

  /** {@code [buildout] socket-timeout}: seconds, as in zc.buildout; the download timeout. */
  private static Duration socketTimeout(SectionOptions buildout) {
    String value = buildout.get("socket-timeout");
    if (value == null || value.isBlank()) {
      return DownloadService.DEFAULT_TIMEOUT;
    }
    try {
      int seconds = Integer.parseInt(value.strip());
      if (seconds >= 1) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    String where = buildout.origin("socket-timeout");
    throw new BuildoutException(
        "UserError",
        "Invalid value for buildout:socket-timeout: '"
            + value
            + "' (a whole number of seconds, at least 1)"
            + (where.isEmpty() ? "" : " (" + where + ")"));
  }

  /** One run's loaded profile, recipes and planner. */
  private record Run(
      Profile profile,
      PartCatalog catalog,
      Planner planner,
      SettingsHolder settings,
      @Nullable Path installedFile,
      RecipeRegistry registry)
      implements AutoCloseable {
    @Override
    public void close() {
      settings.close();
      registry.close();
    }
  }

  /** Configures a {@link Buildout}; obtained from {@link Buildout#builder(Path)}. */
  public static final class Builder {
    private final String location;
    private ProfileLoader loader = Profiles.loader();
    private @Nullable Integer jobs;
    private boolean keepGoing;
    private BuildListener listener = BuildListener.NONE;
    private final List<RecipeFactory> recipes = new ArrayList<>();
    private boolean loadRecipes = true;
    private @Nullable Downloads downloads;

    private Builder(String location) {
      this.location = Objects.requireNonNull(location, "profile");
    }

    /**
     * How to load the profile: command-line assignments, offline, user defaults (default: {@link
     * Profiles#loader()}).
     */
    public Builder loader(ProfileLoader loader) {
      this.loader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /**
     * How many parts may run at once (default: {@code [buildout] jobs}, else 1, which is buildout's
     * sequential order exactly).
     */
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

    /** Who hears the run's events (default: nobody). */
    public Builder listener(BuildListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Recipes to offer in addition to those found on the class path; they win over class-path
     * recipes of the same name, but {@code develop} recipes win over them.
     */
    public Builder recipe(RecipeFactory factory) {
      recipes.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Whether to create recipes (default true). Without them ({@code --no-recipes}) a plan shows
     * the part order and option changes, but no recipe signatures; installing is refused.
     */
    public Builder loadRecipes(boolean load) {
      this.loadRecipes = load;
      return this;
    }

    /**
     * The download service parts get, instead of the {@link DownloadService} the engine creates for
     * each run (from {@code [buildout] download-cache}, {@code offline} and {@code socket-timeout},
     * reporting progress to the listener). The given one is shared by every part and never closed
     * by the engine.
     */
    public Builder downloads(Downloads downloads) {
      this.downloads = Objects.requireNonNull(downloads, "downloads");
      return this;
    }

    /** The configured buildout. */
    public Buildout build() {
      return new Buildout(this);
    }
  }
}

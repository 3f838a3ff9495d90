package io.buildout4j.maven;

import io.buildout4j.engine.ApiClassLoader;
import io.buildout4j.engine.LoadedRecipe;
import io.buildout4j.engine.RecipeContext;
import io.buildout4j.engine.RecipeSource;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.aether.RepositoryException;
import org.jspecify.annotations.Nullable;

/**
 * Loads recipes named by Maven coordinates, {@code recipe = GROUP:ARTIFACT[:VERSION][:ENTRY]}: the
 * engine asks this source (found by {@link java.util.ServiceLoader}) for every recipe name its own
 * registry does not know.
 *
 * <h2>Names</h2>
 *
 * A name of two to four colon-separated Maven ids is this source's; any other name gets {@code
 * null}. With three parts, the third is the version if it starts with a digit, {@code [} or {@code
 * (} (a version range: its highest version is taken), and the entry otherwise. Without a version,
 * the version pinned for ARTIFACT in the profile's versions section is used (option names cannot
 * hold {@code :}, so the key is the artifact id alone). Without an entry, the artifact's factory
 * named {@code default} is taken, or its only factory.
 *
 * <h2>Where from</h2>
 *
 * <ul>
 *   <li>Local repository: {@code [buildout] recipe-local-repository} (relative to the buildout
 *       directory); else the {@code maven.repo.local} system property; else the {@code
 *       MAVEN_REPO_LOCAL} environment variable; else {@code <localRepository>} of {@code
 *       ~/.m2/settings.xml}; else {@code ~/.m2/repository}.
 *   <li>Remote repositories: {@code [buildout] recipe-repositories}, one per line, each a URL, a
 *       path (relative to the buildout directory) or {@code id=URL}; else the repositories of the
 *       active profiles of {@code ~/.m2/settings.xml} and Maven Central, with the settings' mirrors
 *       applied. Credentials and proxies from the settings are not used.
 *   <li>Offline ({@link RecipeContext#offline()}): only the local repository and {@code file:}
 *       repositories are used.
 * </ul>
 *
 * <h2>Loading</h2>
 *
 * The jar and its runtime dependencies (without the recipe SPI and JSpecify, which the parent
 * provides) go into a {@link java.net.URLClassLoader} of their own, whose parent is {@link
 * ApiClassLoader#INSTANCE}: the recipe sees the Java platform, the recipe SPI and its own
 * dependencies, nothing of the engine. Factories are found with {@link java.util.ServiceLoader} in
 * that loader. Each resolved {@code GROUP:ARTIFACT:VERSION} is resolved and loaded once per source
 * instance (one run); {@link #close()} closes the loaders.
 *
 * <p>The {@link LoadedRecipe#signature() signature} lists every jar of the closure, sorted, as
 * {@code GROUP:ARTIFACT:VERSION:HASH} (the first 16 hex digits of the jar's SHA-256), separated by
 * spaces: a new build of any of them reinstalls the parts that use the recipe.
 *
 * <p>Thread-safe: calls are serialised.
 */
public final class MavenRecipeSource implements RecipeSource, AutoCloseable {
  /** The {@code [buildout]} option naming the local repository for recipe artifacts. */
  public static final String LOCAL_REPOSITORY_OPTION = "recipe-local-repository";

  /** The {@code [buildout]} option listing the remote repositories for recipe artifacts. */
  public static final String REPOSITORIES_OPTION = "recipe-repositories";

  /** Maven Central, the default remote repository. */
  public static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

  private static final MavenSettings.Repository CENTRAL =
      new MavenSettings.Repository("central", CENTRAL_URL, true, false);
  private static final Pattern NAMED_REPOSITORY = Pattern.compile("([A-Za-z0-9_.\\-]+)=(\\S+)");
  private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]+:.*");

  private final Path userSettings;
  private final Map<String, String> environment;
  private final Map<String, RecipeArtifact> artifacts = new HashMap<>();
  private final Map<String, String> ranges = new HashMap<>();
  private @Nullable MavenSettings settings;

  /**
   * A source reading the user's Maven settings ({@code ~/.m2/settings.xml}) and environment. Called
   * by {@link java.util.ServiceLoader}.
   */
  public MavenRecipeSource() {
    this(Path.of(System.getProperty("user.home"), ".m2", "settings.xml"), System.getenv());
  }

  /**
   * A source reading the given settings file (absent: none) and environment variables.
   *
   * @param userSettings the Maven settings file to honour, need not exist
   * @param environment the environment variables ({@code MAVEN_REPO_LOCAL}, {@code ${env.X}} in the
   *     settings)
   */
  public MavenRecipeSource(Path userSettings, Map<String, String> environment) {
    this.userSettings = userSettings;
    this.environment = Map.copyOf(environment);
  }

  /**
   * The recipe named by Maven coordinates, resolved and loaded (once per coordinates), or null if
   * {@code recipe} is not {@code GROUP:ARTIFACT[:VERSION][:ENTRY]}.
   *
   * @return null if {@code recipe} is not coordinates, or has no version in the name nor pinned in
   *     the versions section (it may be a recipe of another kind, e.g. a Python one)
   * @throws BuildoutException ({@code UserError}) if the artifact or one of its dependencies cannot
   *     be resolved (the message names the coordinates, the local repository, the repositories and
   *     whether the run is offline), or there is no such entry
   */
  @Override
  public synchronized @Nullable LoadedRecipe find(String recipe, RecipeContext context) {
    RecipeCoordinates coordinates = RecipeCoordinates.parse(recipe);
    if (coordinates == null) {
      return null;
    }
    String version = coordinates.version();
    if (version == null) {
      version = context.pinnedVersion(coordinates.artifactId());
      if (version == null) {
        // Without a version, the name may as well be a recipe this engine lacks
        // (zc.recipe.egg:custom):
        // the engine then says "No recipe named ...", with how to name a Maven recipe.
        return null;
      }
      version = version.trim();
      if (!RecipeCoordinates.isVersion(version)) {
        throw new BuildoutException(
            "UserError",
            "The version '"
                + version
                + "' pinned for "
                + coordinates.artifactId()
                + " in [versions] (recipe = "
                + recipe
                + ") is not a Maven version");
      }
    }
    coordinates = coordinates.withVersion(version);
    if (RecipeCoordinates.isRange(version)) {
      coordinates = coordinates.withVersion(highestVersion(recipe, coordinates, context));
    }
    RecipeArtifact artifact = artifacts.get(coordinates.gav());
    if (artifact == null) {
      artifact = load(recipe, coordinates, context);
      artifacts.put(coordinates.gav(), artifact);
    }
    RecipeFactory factory = artifact.select(recipe, coordinates);
    return new LoadedRecipe(factory, artifact.signature());
  }

  /** Closes the class loaders of every recipe loaded; call when the run is over. */
  @Override
  public synchronized void close() {
    for (RecipeArtifact artifact : artifacts.values()) {
      artifact.close();
    }
    artifacts.clear();
    ranges.clear();
  }

  private String highestVersion(String recipe, RecipeCoordinates range, RecipeContext context) {
    String cached = ranges.get(range.gav());
    if (cached != null) {
      return cached;
    }
    Path local = localRepository(context);
    List<MavenSettings.Repository> remotes = remoteRepositories(context);
    ArtifactResolver resolver =
        new ArtifactResolver(local, remotes, context.offline(), context::log);
    String highest;
    try {
      highest = resolver.highestVersion(range.groupId(), range.artifactId(), range.version());
    } catch (RepositoryException e) {
      throw new BuildoutException(
          "UserError",
          "Cannot list the versions of "
              + range.gav()
              + " (recipe = "
              + recipe
              + ") "
              + where(local, remotes, context.offline())
              + ": "
              + detail(e),
          e);
    }
    if (highest == null) {
      throw new BuildoutException(
          "UserError",
          "No version of "
              + range.key()
              + " matches "
              + range.version()
              + " (recipe = "
              + recipe
              + ") "
              + where(local, remotes, context.offline()));
    }
    ranges.put(range.gav(), highest);
    return highest;
  }

  private RecipeArtifact load(String recipe, RecipeCoordinates coordinates, RecipeContext context) {
    Path local = localRepository(context);
    List<MavenSettings.Repository> remotes = remoteRepositories(context);
    ArtifactResolver resolver =
        new ArtifactResolver(local, remotes, context.offline(), context::log);
    List<ArtifactResolver.ResolvedJar> jars;
    try {
      jars =
          resolver.resolve(
              coordinates.groupId(),
              coordinates.artifactId(),
              String.valueOf(coordinates.version()));
    } catch (RepositoryException e) {
      throw resolutionError(recipe, coordinates, local, remotes, context.offline(), e);
    }
    if (jars.isEmpty()
        || !jars.get(0).groupId().equals(coordinates.groupId())
        || !jars.get(0).artifactId().equals(coordinates.artifactId())) {
      throw new BuildoutException(
          "UserError",
          "Resolving "
              + coordinates.gav()
              + " (recipe = "
              + recipe
              + ") gave no jar for it "
              + where(local, remotes, context.offline()));
    }
    return RecipeArtifact.load(coordinates.gav(), jars);
  }

  private static BuildoutException resolutionError(
      String recipe,
      RecipeCoordinates coordinates,
      Path local,
      List<MavenSettings.Repository> remotes,
      boolean offline,
      RepositoryException cause) {
    String gav = coordinates.gav();
    String detail = detail(cause);
    if (offline) {
      Path directory =
          local
              .resolve(coordinates.groupId().replace('.', '/'))
              .resolve(coordinates.artifactId())
              .resolve(String.valueOf(coordinates.version()));
      String file = coordinates.artifactId() + "-" + coordinates.version();
      boolean present =
          Files.isRegularFile(directory.resolve(file + ".jar"))
              && Files.isRegularFile(directory.resolve(file + ".pom"));
      String what =
          present
              ? "a dependency of " + gav + " is not in the local repository at " + local
              : gav + " is not in the local repository at " + local;
      return new BuildoutException(
          "UserError",
          "Cannot load recipe "
              + recipe
              + ": "
              + what
              + ", and the run is offline: only the local repository and file: repositories are"
              + " used"
              + (remotes.isEmpty() ? "" : " (repositories: " + describe(remotes) + ")")
              + "; run online once, or install it there ("
              + detail
              + ")",
          cause);
    }
    return new BuildoutException(
        "UserError",
        "Cannot load recipe "
            + recipe
            + ": cannot resolve "
            + gav
            + " from "
            + (remotes.isEmpty() ? "no repository" : describe(remotes))
            + " into the local repository at "
            + local
            + " ("
            + detail
            + ")",
        cause);
  }

  /**
   * The resolver's messages down the cause chain, without repeats: the last is the most precise.
   */
  private static String detail(Throwable error) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = error; t != null && messages.size() < 10; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && !message.isBlank()
          && messages.stream().noneMatch(m -> m.contains(message))) {
        messages.add(message);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return messages.isEmpty() ? error.getClass().getName() : String.join(": ", messages);
  }

  private static String where(Path local, List<MavenSettings.Repository> remotes, boolean offline) {
    return "in the local repository at "
        + local
        + (offline
            ? " (offline)"
            : remotes.isEmpty() ? "" : " and in " + describe(remotes) + " (online)");
  }

  private static String describe(List<MavenSettings.Repository> remotes) {
    return remotes.stream()
        .map(r -> r.id() + " (" + r.url() + ")")
        .collect(Collectors.joining(", "));
  }

  /** The local repository for recipe artifacts, absolute. */
  Path localRepository(RecipeContext context) {
    String option = context.buildoutOption(LOCAL_REPOSITORY_OPTION);
    if (option != null && !option.isBlank()) {
      return context.directory().resolve(expandHome(option.trim())).toAbsolutePath().normalize();
    }
    String property = System.getProperty("maven.repo.local");
    if (property != null && !property.isBlank()) {
      return Path.of(expandHome(property.trim())).toAbsolutePath().normalize();
    }
    String variable = environment.get("MAVEN_REPO_LOCAL");
    if (variable != null && !variable.isBlank()) {
      return Path.of(expandHome(variable.trim())).toAbsolutePath().normalize();
    }
    String fromSettings = settings().localRepository();
    if (fromSettings != null) {
      return Path.of(expandHome(fromSettings)).toAbsolutePath().normalize();
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository").toAbsolutePath();
  }

  /** The remote repositories for recipe artifacts, in the order they are tried. */
  List<MavenSettings.Repository> remoteRepositories(RecipeContext context) {
    String option = context.buildoutOption(REPOSITORIES_OPTION);
    if (option == null || option.isBlank()) {
      return settings().effectiveRepositories(CENTRAL);
    }
    List<MavenSettings.Repository> repositories = new ArrayList<>();
    for (String line : option.trim().split("\\s+")) {
      String id = null;
      String location = line;
      Matcher named = NAMED_REPOSITORY.matcher(line);
      if (named.matches()) {
        id = named.group(1);
        location = named.group(2);
      }
      String url;
      if (URL_SCHEME.matcher(location).matches()) {
        url = location;
      } else {
        url =
            context
                .directory()
                .resolve(expandHome(location))
                .toAbsolutePath()
                .normalize()
                .toUri()
                .toString();
      }
      if (id == null) {
        id = idFor(url);
      }
      repositories.add(new MavenSettings.Repository(id, url, true, true));
    }
    return List.copyOf(repositories);
  }

  /** A stable id for a repository given by URL alone: Maven records which id a file came from. */
  private static String idFor(String url) {
    String trimmed = url.endsWith("/") ? url : url + "/";
    if (trimmed.equals(CENTRAL_URL)) {
      return CENTRAL.id();
    }
    String rest = url.replaceFirst("^[A-Za-z][A-Za-z0-9+.\\-]*:/*", "");
    String id = rest.replaceAll("[^A-Za-z0-9_.\\-]+", "-").replaceAll("^-+|-+$", "");
    return "recipes-" + (id.isEmpty() ? "local" : id);
  }

  private MavenSettings settings() {
    MavenSettings read = settings;
    if (read == null) {
      try {
        read = MavenSettings.read(userSettings, environment);
      } catch (IOException e) {
        throw new BuildoutException(
            "UserError",
            "Cannot read the Maven settings " + userSettings + ": " + e.getMessage(),
            e);
      }
      settings = read;
    }
    return read;
  }

  private static String expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return System.getProperty("user.home") + path.substring(1);
    }
    return path;
  }
}

package io.buildout4j.profile;

import io.buildout4j.profile.condition.ConditionEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the layers of a profile as zc.buildout 4.x does: built-in defaults, then user defaults
 * (merged under the first file that extends nothing), then the profile and everything it {@code
 * extends} (flattened depth-first, each file after the files it extends, so a file reached by
 * several paths is applied once per path), then files named by a command-line {@code extends}, then
 * command-line assignments; finally the cache and eggs directories are made absolute.
 *
 * <p>Unlike zc.buildout, each file is read and parsed once per load however many paths reach it;
 * only the (cheap) merge is repeated.
 */
final class ProfileAssembler {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileAssembler.class);
  private static final String BASE_LOCATION_REFERENCE = "${:_profile_base_location_}";

  private final LoadSettings settings;
  private final LayerMerge merge;
  private final ExtendsFold fold;
  private final ProfileParser parser;
  private final Map<String, ExtendsNode> nodes = new HashMap<>();
  private final Map<String, FileLayer> files = new HashMap<>();
  private final Map<String, String> identities = new HashMap<>();
  private final Map<ExtendsNode, Integer> parents = new IdentityHashMap<>();
  private @Nullable ProfileFetcher fetcher;

  ProfileAssembler(LoadSettings settings) {
    this.settings = settings;
    this.merge = new LayerMerge(settings.fullHistory());
    this.fold = new ExtendsFold(merge, settings.fullHistory(), parents);
    ConditionEvaluator conditions = new ConditionEvaluator(settings.target());
    this.parser = new ProfileParser(conditions::evaluate);
  }

  /** Loads {@code root} (a path or URL) with every layer; see the class comment for the order. */
  RawProfile assemble(String root) {
    String rootLocation =
        ProfileLocations.isUrl(root)
            ? root
            : settings.workingDirectory().resolve(root).toAbsolutePath().normalize().toString();
    if (!ProfileLocations.isUrl(rootLocation) && !Files.exists(Path.of(rootLocation))) {
      throw new BuildoutException("UserError", "Couldn't open " + rootLocation);
    }
    LayerMerge.Config defaults = new LayerMerge.Config();
    LinkedHashMap<String, RawValue> buildout = new LinkedHashMap<>();
    BuildoutDefaults.values(settings.executable())
        .forEach((key, value) -> buildout.put(key, RawValue.set(value, Origin.DEFAULT)));
    String directory = null;
    if (!ProfileLocations.isUrl(rootLocation)) {
      directory = ProfileLocations.base(rootLocation);
      buildout.put("directory", RawValue.set(directory, Origin.COMPUTED));
    }
    defaults.put("buildout", buildout);

    Map<String, Map<String, String>> commandLine = new TreeMap<>(PythonOrder.INSTANCE);
    List<String> commandLineExtends = new ArrayList<>();
    for (Assignment assignment : settings.overrides()) {
      if (assignment.section().equals("buildout")
          && assignment.option().equals("extends")
          && assignment.operator() == '=') {
        commandLineExtends.clear();
        commandLineExtends.addAll(PythonStrings.splitWhitespace(assignment.value()));
        continue;
      }
      commandLine
          .computeIfAbsent(assignment.section(), k -> new TreeMap<>(PythonOrder.INSTANCE))
          .put(assignment.rawKey(), assignment.value());
    }
    Layer commandLineLayer = Layer.ofValues(commandLine, Origin.COMMAND_LINE);
    Map<String, RawValue> buildoutOverrides =
        commandLineLayer.sections().getOrDefault("buildout", Map.of());

    LayerMerge.Config userDefaults = null;
    LinkedHashMap<String, RawValue> fetchBase = copySection(buildout);
    Path userFile = settings.userDefaults() ? settings.userDefaultsFile() : null;
    if (userFile != null && Files.isRegularFile(userFile)) {
      String location = userFile.toAbsolutePath().normalize().toString();
      userDefaults = loadRoot(location, fetchBase, buildoutOverrides, null);
      LayerMerge.Config withDefaults = copy(defaults);
      merge.merge(withDefaults, userDefaults);
      fetchBase = copySection(withDefaults.get("buildout"));
    }

    LayerMerge.Config data = copy(defaults);
    merge.merge(data, loadRoot(rootLocation, fetchBase, buildoutOverrides, userDefaults));
    for (String extension : commandLineExtends) {
      String location =
          ProfileLocations.isUrl(extension)
              ? extension
              : settings
                  .workingDirectory()
                  .resolve(extension)
                  .toAbsolutePath()
                  .normalize()
                  .toString();
      merge.merge(data, loadRoot(location, fetchBase, buildoutOverrides, userDefaults));
    }
    merge.merge(data, commandLineLayer);
    absolutiseCacheDirectories(data);
    return new RawProfile(rootLocation, data);
  }

  /** {@code _open} of a root file: the file, everything it extends, folded from nothing. */
  private LayerMerge.Config loadRoot(
      String location,
      LinkedHashMap<String, RawValue> fetchBase,
      Map<String, RawValue> buildoutOverrides,
      LayerMerge.@Nullable Config userDefaults) {
    LinkedHashMap<String, RawValue> fetchOptions = copySection(fetchBase);
    merge.mergeSection(
        fetchOptions, buildoutOverrides, LayerMerge.sortedIncrementKeys(buildoutOverrides));
    fetcher = new ProfileFetcher(fetchSettings(fetchOptions));
    Layer rootLayer = fileLayer(location, identity(location)).layer();
    Map<String, RawValue> rootBuildout = rootLayer.sections().get("buildout");
    if (rootBuildout != null) {
      merge.mergeSection(fetchOptions, rootBuildout, rootLayer.incrementKeys("buildout"));
    }
    merge.mergeSection(
        fetchOptions, buildoutOverrides, LayerMerge.sortedIncrementKeys(buildoutOverrides));
    fetcher = new ProfileFetcher(fetchSettings(fetchOptions));
    ExtendsNode root = node(location, new LinkedHashSet<>());
    LayerMerge.Config result = new LayerMerge.Config();
    fold.fold(root, result, userDefaults);
    return result;
  }

  private ProfileFetcher.Settings fetchSettings(Map<String, RawValue> options) {
    String offline = valueOf(options, "offline");
    boolean isOffline =
        settings.offline()
            || "true".equals(offline)
            || "true".equals(valueOf(options, "install-from-cache"));
    String newest = valueOf(options, "newest");
    boolean isNewest = BuildoutDefaults.bool("newest", newest == null ? "false" : newest);
    String cache = valueOf(options, "extends-cache");
    Path cachePath = null;
    if (cache != null && !cache.isEmpty()) {
      if (cache.contains("${")) {
        throw new BuildoutException(
            "UserError",
            "extends-cache '" + cache + "' may not contain ${section:variable} to expand.");
      }
      String directory = valueOf(options, "directory");
      cachePath =
          Path.of(directory == null ? settings.workingDirectory().toString() : directory)
              .resolve(expandUser(cache))
              .toAbsolutePath()
              .normalize();
    }
    Duration timeout = settings.fetchTimeout();
    return new ProfileFetcher.Settings(isOffline, isNewest, cachePath, timeout);
  }

  /** A file as read once per load: its layer and its (removed) extends options. */
  private record FileLayer(
      Layer layer,
      ParsedFile.@Nullable ParsedOption extendsOption,
      ParsedFile.@Nullable ParsedOption optionalOption) {}

  /** Reads and parses {@code location} once per load. */
  private FileLayer fileLayer(String location, String identity) {
    FileLayer known = files.get(identity);
    if (known != null) {
      return known;
    }
    ParsedFile parsed = parse(location);
    Map<String, ParsedFile.ParsedOption> buildout = parsed.sections().get("buildout");
    ParsedFile.ParsedOption extendsOption = buildout == null ? null : buildout.remove("extends");
    if (buildout != null && buildout.containsKey("extended-by")) {
      throw new BuildoutException(
          "UserError", "No-longer supported \"extended-by\" option found in " + location + ".");
    }
    ParsedFile.ParsedOption optionalOption =
        buildout == null ? null : buildout.remove("optional-extends");
    FileLayer file = new FileLayer(Layer.of(parsed, location), extendsOption, optionalOption);
    files.put(identity, file);
    return file;
  }

  /** Links {@code location} to the files it extends, once per load. */
  private ExtendsNode node(String location, LinkedHashSet<String> chain) {
    String identity = identity(location);
    if (chain.contains(identity)) {
      List<String> loop = new ArrayList<>(chain);
      loop.add(identity);
      throw new ExtendsLoopException(loop.subList(loop.indexOf(identity), loop.size()));
    }
    ExtendsNode known = nodes.get(identity);
    if (known != null) {
      return known;
    }
    return DeepCalls.call(
        "The extends chain",
        () -> {
          FileLayer file = fileLayer(location, identity);
          chain.add(identity);
          List<ExtendsNode> extended = new ArrayList<>();
          String base = ProfileLocations.base(location);
          if (file.extendsOption() != null) {
            for (String name : PythonStrings.splitWhitespace(file.extendsOption().value())) {
              extended.add(child(base, name, chain, location, file.extendsOption().line()));
            }
          }
          List<ExtendsNode> optional = new ArrayList<>();
          ParsedFile.ParsedOption optionalOption = file.optionalOption();
          if (optionalOption != null) {
            for (String name : PythonStrings.splitWhitespace(optionalOption.value())) {
              if (ProfileLocations.isUrl(name)) {
                throw new BuildoutException(
                    "UserError",
                    "optional-extends accepts files only, not the URL "
                        + name
                        + " ("
                        + location
                        + ":"
                        + optionalOption.line()
                        + ")");
              }
              String target = ProfileLocations.resolve(base, name);
              if (!ProfileLocations.isUrl(target) && !Files.exists(Path.of(target))) {
                // zc.buildout 4.1.12 print()s this line (to stdout, whatever the log level)
                LOG.info("optional-extends file not found: {}", name);
                continue;
              }
              optional.add(child(base, name, chain, location, optionalOption.line()));
            }
          }
          chain.remove(identity);
          boolean leaf = file.extendsOption() == null || file.extendsOption().value().isEmpty();
          ExtendsNode node =
              new ExtendsNode(
                  location, file.layer(), List.copyOf(extended), List.copyOf(optional), leaf);
          nodes.put(identity, node);
          return node;
        });
  }

  private ExtendsNode child(
      String base, String name, LinkedHashSet<String> chain, String from, int line) {
    String target = ProfileLocations.resolve(base, name);
    try {
      ExtendsNode child = node(target, chain);
      parents.merge(child, 1, Integer::sum);
      return child;
    } catch (BuildoutException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Couldn't open " + target)) {
        throw new BuildoutException(
            "UserError", "Couldn't open " + target + " (extended by " + from + ":" + line + ")", e);
      }
      throw e;
    }
  }

  private ParsedFile parse(String location) {
    if (fetcher == null) {
      throw new IllegalStateException("no fetcher");
    }
    ParsedFile parsed = parser.parse(fetcher.read(location), location);
    if (settings.slaposExtensions()) {
      injectBaseLocation(parsed, location);
    }
    return parsed;
  }

  /**
   * The SlapOS fork's {@code ${:_profile_base_location_}}: every section of this file that uses it
   * gets the option, set to the directory (or URL base) of this file.
   */
  private static void injectBaseLocation(ParsedFile parsed, String location) {
    String base = ProfileLocations.base(location);
    for (Map<String, ParsedFile.ParsedOption> section : parsed.sections().values()) {
      int line = 0;
      for (ParsedFile.ParsedOption option : section.values()) {
        if (option.value().contains(BASE_LOCATION_REFERENCE)) {
          line = option.line();
          break;
        }
      }
      if (line > 0) {
        section.put("_profile_base_location_", new ParsedFile.ParsedOption(base, line));
      }
    }
  }

  /** {@code download-cache}, {@code eggs-directory} and {@code extends-cache} made absolute. */
  private void absolutiseCacheDirectories(LayerMerge.Config data) {
    LinkedHashMap<String, RawValue> buildout = data.get("buildout");
    if (buildout == null) {
      return;
    }
    for (String name : List.of("download-cache", "eggs-directory", "extends-cache")) {
      RawValue value = buildout.get(name);
      if (value == null || value.value().contains("${") || value.value().startsWith("/")) {
        continue;
      }
      Origin source = value.origin();
      String baseDirectory;
      if (source.isFile()) {
        if (ProfileLocations.isUrl(source.location())) {
          throw new BuildoutException(
              "UserError",
              "Setting \""
                  + name
                  + "\" to a non absolute location (\""
                  + value.value()
                  + "\") within a\n"
                  + "remote configuration file (\""
                  + source.location()
                  + "\") is ambiguous.");
        }
        baseDirectory = ProfileLocations.base(source.location());
      } else {
        RawValue directory = buildout.get("directory");
        baseDirectory =
            directory == null ? settings.workingDirectory().toString() : directory.value();
      }
      String expanded = expandUser(value.value());
      Path absolute = Path.of(baseDirectory).resolve(expanded).toAbsolutePath().normalize();
      buildout.put(name, value.asDirectory(absolute.toString(), settings.fullHistory()));
    }
  }

  /** The real path of a file (links resolved), which detects loops and shares nodes; cached. */
  private String identity(String location) {
    return identities.computeIfAbsent(
        location,
        l -> {
          if (ProfileLocations.isUrl(l)) {
            return l;
          }
          try {
            return Path.of(l).toRealPath().toString();
          } catch (java.io.IOException e) {
            return l;
          }
        });
  }

  private static String expandUser(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return System.getProperty("user.home") + path.substring(1);
    }
    return path;
  }

  private static @Nullable String valueOf(Map<String, RawValue> section, String key) {
    RawValue value = section.get(key);
    return value == null ? null : value.value();
  }

  private static LinkedHashMap<String, RawValue> copySection(Map<String, RawValue> section) {
    return new LinkedHashMap<>(section);
  }

  private static LayerMerge.Config copy(LayerMerge.Config config) {
    return ExtendsFold.copy(config);
  }
}

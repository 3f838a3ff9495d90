package io.buildout4j.cookbook;

import io.buildout4j.recipe.DownloadRequest;
import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code cmmi} ({@code slapos.recipe.cmmi}): configure, make, make install of a source archive
 * ({@code url}) or a source directory ({@code path}), as slapos.recipe.cmmi does. See {@code
 * docs/cookbook/cmmi.md} for the options.
 *
 * <p>The archive is unpacked into a compile directory next to the part's location ({@code
 * parts/PART__compile__}), patched, configured and built there with the part's environment; every
 * command's output goes to the part's log. When a step fails, the compile directory is left in
 * place (with {@code slapos.recipe.build.env.sh}, to reproduce the environment) and the error says
 * where; the next install removes it first. After a successful build it is removed, unless {@code
 * keep-compile-dir} is true.
 */
public final class CmmiRecipe implements RecipeFactory {
  /** Where a failed build leaves a script that recreates its environment, as upstream. */
  static final String ENVIRONMENT_SCRIPT = "slapos.recipe.build.env.sh";

  private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "1", "on");

  private final @Nullable Map<String, String> baseEnvironment;

  /** The recipe, building with the process's environment (as found by ServiceLoader). */
  public CmmiRecipe() {
    this.baseEnvironment = null;
  }

  /**
   * The recipe, building with {@code environment} instead of the process's: for embedders (and
   * tests) that run builds with an environment of their own, e.g. another {@code MAKEFLAGS}.
   */
  public CmmiRecipe(Map<String, String> environment) {
    this.baseEnvironment = Map.copyOf(environment);
  }

  @Override
  public Set<String> names() {
    return Set.of("cmmi", "slapos.recipe.cmmi", "slapos.recipe.cmmi:default");
  }

  @Override
  public Recipe create(Part part) {
    return new Build(part, baseEnvironment != null ? baseEnvironment : System.getenv());
  }

  private static final class Build implements Recipe {
    private final Part part;
    private final Options options;
    private final String section;
    private final Map<String, String> baseEnvironment;

    /** The part's variables, in the order given (environment-section, then environment). */
    private final Map<String, String> environment = new LinkedHashMap<>();

    private final String url;
    private final Path location;
    private final Path compileDirectory;
    private final boolean keepCompileDirectory;
    private final @Nullable SharedPart shared;

    Build(Part part, Map<String, String> baseEnvironment) {
      this.part = part;
      this.options = part.options();
      this.section = options.section();
      this.baseEnvironment = baseEnvironment;
      mergePlatformSection();

      String environmentSection = options.get("environment-section", "").strip();
      if (!environmentSection.isEmpty()) {
        Map<String, String> variables = part.section(environmentSection).snapshot();
        variables.forEach(
            (key, value) -> {
              if (!key.equals("_profile_base_location_")) {
                environment.put(key, value);
              }
            });
      }

      Options buildout = part.section("buildout");
      // upstream always computes location; a profile's value is replaced
      options.remove("location");
      shared =
          SharedPart.of(part, "cmmi", List.of("prefix", "compile-directory", "shared", "promises"));
      // As upstream: without a shared-part-list, shared = true builds an ordinary part.
      options.set("shared", shared == null ? "" : shared.location().toString());

      location = shared != null ? shared.location() : part.directories().partLocation(part.name());
      options.set("location", location.toString());

      String prefix = options.get("prefix", "").strip();
      if (prefix.isEmpty()) {
        prefix = buildout.get("prefix", "").strip();
      }
      options.set("prefix", prefix.isEmpty() ? location.toString() : prefix);

      url = options.get("url", "").strip();
      String path = options.get("path", "").strip();
      options.set("url", url);
      options.set("path", path);
      options.set("promises", options.get("promises", ""));
      options.set("strip-top-level-dir", options.get("strip-top-level-dir", "false").strip());
      if (!url.isEmpty() && !path.isEmpty()) {
        throw new RecipeException(
            section
                + ": use either url or path, not both (url = "
                + url
                + ", path = "
                + path
                + ")");
      }
      if (url.isEmpty() && path.isEmpty()) {
        throw new RecipeException("Missing option " + section + ":url (or " + section + ":path)");
      }
      compileDirectory =
          url.isEmpty()
              ? part.directories().directory().resolve(path).normalize()
              : Path.of(location + "__compile__");
      options.set("compile-directory", compileDirectory.toString());

      for (String key : options.keys()) {
        String value = options.get(key);
        if (value != null && value.contains("@@LOCATION@@")) {
          options.set(key, value.replace("@@LOCATION@@", location.toString()));
        }
      }

      for (String line : options.get("environment", "").split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        int equals = line.indexOf('=');
        if (equals < 0) {
          throw new RecipeException(
              "Invalid environment variable definition in "
                  + section
                  + ":environment: '"
                  + line.strip()
                  + "' (expected KEY=VALUE)");
        }
        environment.put(line.substring(0, equals).strip(), line.substring(equals + 1));
      }

      String keep = options.get("keep-compile-dir");
      if (keep == null) {
        keep = buildout.get("keep-compile-dir", "");
      }
      keepCompileDirectory = TRUE_WORDS.contains(keep.strip().toLowerCase(Locale.ROOT));
      options.get("md5sum"); // read, as upstream, so that it is part of what is compared
    }

    /**
     * Upstream's platform sections: options of {@code [PART:linux:amd64]} (or else {@code
     * [PART:linux]}) override the part's.
     */
    private void mergePlatformSection() {
      String platform = platform();
      String specific = part.name() + ":" + platform + ":" + machine();
      String general = part.name() + ":" + platform;
      String chosen =
          part.hasSection(specific) ? specific : part.hasSection(general) ? general : null;
      if (chosen != null) {
        part.section(chosen).snapshot().forEach(options::set);
      }
    }

    private static String platform() {
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      if (os.startsWith("linux")) {
        return "linux";
      }
      if (os.startsWith("mac")) {
        return "darwin";
      }
      return os.replace(" ", "");
    }

    private static String machine() {
      String arch = System.getProperty("os.arch", "");
      return switch (arch) {
        case "i386", "i586", "i686", "x86" -> "x86";
        case "x86_64", "amd64" -> "amd64";
        default -> arch;
      };
    }

    @Override
    public Collection<Path> install() throws Exception {
      if (shared != null) {
        shared.install(part, into -> buildHere());
        return List.of();
      }
      return buildHere();
    }

    @Override
    public Collection<Path> update() throws Exception {
      if (shared != null && !shared.isInstalled()) {
        shared.install(part, into -> buildHere());
      }
      return List.of();
    }

    /** Builds the part into {@code location}; returns the paths it owns (none when shared). */
    private List<Path> buildHere() throws Exception {
      List<String> pythonHooks = new ArrayList<>();
      for (String hook : List.of("pre-configure-hook", "pre-make-hook", "post-make-hook")) {
        if (!options.get(hook, "").isBlank()) {
          pythonHooks.add(section + ":" + hook);
        }
      }
      if (!pythonHooks.isEmpty()) {
        throw new RecipeException(
            String.join(", ", pythonHooks)
                + ": Python hook scripts cannot run in buildout4j; use the shell commands"
                + " pre-configure, pre-build, pre-install or post-install instead");
      }
      Map<String, String> variables = expandedEnvironment();
      Commands commands = commands();
      for (Map.Entry<String, String> variable : new TreeMap<>(variables).entrySet()) {
        part.log().info("[ENV] " + variable.getKey() + " = " + variable.getValue());
      }

      Path buildRoot;
      if (!url.isEmpty()) {
        if (Files.exists(compileDirectory, LinkOption.NOFOLLOW_LINKS)) {
          part.log().warning("Removing already existing directory " + compileDirectory);
          Tree.delete(compileDirectory);
        }
        String alternate = options.get("alternate-url", "").strip();
        Path archive =
            part.downloads()
                .download(
                    new DownloadRequest(url, checksum(), alternate.isEmpty() ? null : alternate));
        part.log().info("Extracting " + url + " to " + compileDirectory);
        boolean strip =
            TRUE_WORDS.contains(
                options.get("strip-top-level-dir", "false").strip().toLowerCase(Locale.ROOT));
        // unpacked into a staging directory, then renamed: all or nothing
        new Unpacker()
            .unpack(
                archive,
                url,
                compileDirectory,
                strip ? Unpacker.Strip.ALWAYS : Unpacker.Strip.NEVER);
        buildRoot = compileDirectory;
      } else {
        if (!Files.isDirectory(compileDirectory)) {
          throw new RecipeException(section + ":path: " + compileDirectory + " is not a directory");
        }
        part.log().info("Using local source directory: " + compileDirectory);
        buildRoot = compileDirectory;
      }

      if (shared == null) {
        part.created(location);
      }
      if (Files.exists(location, LinkOption.NOFOLLOW_LINKS)) {
        Tree.delete(location);
      }
      Files.createDirectories(location);

      Path workDirectory = singleDirectoryIn(buildRoot);
      try {
        build(commands, variables, workDirectory);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw e;
      } catch (IOException | RuntimeException e) {
        writeEnvironmentScript(workDirectory, variables, commands);
        String message =
            "Compilation error. The package is left as is at "
                + workDirectory
                + " where you can inspect what went wrong ("
                + ENVIRONMENT_SCRIPT
                + " there recreates the build environment; the output of every step is in"
                + " the part's log).\n"
                + e.getMessage();
        throw new RecipeException(message, e);
      }

      for (String promise : options.get("promises", "").split("\n")) {
        if (!promise.isBlank() && !Files.exists(Path.of(promise.strip()))) {
          part.log().warning("could not find promise \"" + promise.strip() + "\"");
        }
      }

      List<Path> paths = new ArrayList<>();
      if (!url.isEmpty()) {
        if (keepCompileDirectory) {
          part.created(compileDirectory);
          paths.add(compileDirectory);
        } else {
          Tree.delete(compileDirectory);
        }
      }
      if (shared == null) {
        paths.add(location);
      }
      fixShebangs();
      return paths;
    }

    private @Nullable String checksum() {
      String md5 = options.get("md5sum", "").strip();
      if (!md5.isEmpty()) {
        return md5;
      }
      for (String algorithm : List.of("sha512", "sha256")) {
        String value = options.get(algorithm, "").strip();
        if (!value.isEmpty()) {
          return algorithm + ":" + value;
        }
      }
      return null;
    }

    /** The part's variables with {@code %(VAR)s} expanded against the process's environment. */
    private Map<String, String> expandedEnvironment() {
      Map<String, String> expanded = new LinkedHashMap<>();
      environment.forEach(
          (key, value) -> {
            try {
              expanded.put(key, CmmiFormat.format(value, baseEnvironment));
            } catch (CmmiFormat.MissingKeyException e) {
              throw new RecipeException(
                  section
                      + ":environment: "
                      + key
                      + " refers to %("
                      + e.key()
                      + ")s, but the environment has no variable "
                      + e.key());
            }
          });
      return expanded;
    }

    private record Commands(String configure, String make, String install) {}

    private Commands commands() {
      String make = options.get("make-binary", "make").strip();
      String makeOptions = CmmiFormat.joinedWords(options.get("make-options"));
      String makeTargets = CmmiFormat.joinedWords(options.get("make-targets", "install"));
      List<String> configureOptions = CmmiFormat.words(options.get("configure-options"));
      String configure = options.get("configure-command", "").strip();
      String prefix = options.require("prefix");
      if (configure.isEmpty()) {
        configure = "./configure";
        if (!String.join(" ", configureOptions).contains("--prefix")) {
          configureOptions.add(0, "--prefix=\"" + prefix + "\"");
        }
      } else if (make.equals("make") && makeTargets.equals("install")) {
        makeTargets += " prefix=\"" + prefix + "\"";
      }
      return new Commands(
          withOptions(configure + " " + String.join(" ", configureOptions), "configure-options"),
          withOptions(make + " " + makeOptions, "make-options"),
          withOptions(make + " " + makeOptions + " " + makeTargets, "make-targets"));
    }

    /** Upstream's {@code command % options}. */
    private String withOptions(String command, String option) {
      try {
        return CmmiFormat.format(command, options::get);
      } catch (CmmiFormat.MissingKeyException e) {
        throw new RecipeException(
            section + ":" + option + ": %(" + e.key() + ")s names no option of section " + section);
      }
    }

    private void build(Commands commands, Map<String, String> variables, Path work)
        throws IOException, InterruptedException {
      List<String> patches = CmmiFormat.words(options.get("patches"));
      if (!patches.isEmpty()) {
        String patch = options.get("patch-binary", "patch").strip();
        String patchOptions = CmmiFormat.joinedWords(options.get("patch-options", "-p0"));
        part.log().info("Applying patches");
        for (String url : patches) {
          Path file = part.downloads().download(DownloadRequest.of(url));
          run(
              "patch " + url,
              patch + " " + patchOptions + " < " + CmmiFormat.shellQuote(file.toString()),
              variables,
              work);
        }
      }
      hook("pre-configure", variables, work);
      run("configure", commands.configure(), variables, work);
      hook("pre-build", variables, work);
      run("make", commands.make(), variables, work);
      hook("pre-install", variables, work);
      run("make install", commands.install(), variables, work);
      hook("post-install", variables, work);
    }

    private void hook(String option, Map<String, String> variables, Path work)
        throws IOException, InterruptedException {
      String command = withOptions(options.get(option, "").strip(), option);
      if (!command.isEmpty()) {
        part.log().info("Executing " + option);
        run(option, command, variables, work);
      }
    }

    private void run(String step, String command, Map<String, String> variables, Path work)
        throws IOException, InterruptedException {
      part.log().info("Running " + step + ": " + command);
      ProcessBuilder process = new ProcessBuilder("/bin/sh", "-c", "set -e;" + command);
      process.directory(work.toFile());
      Map<String, String> env = process.environment();
      env.clear();
      env.putAll(baseEnvironment);
      env.putAll(variables);
      int status = part.run(process);
      if (status != 0) {
        throw new RecipeException(
            "Step " + step + " failed with exit status " + status + ": " + command);
      }
    }

    private void writeEnvironmentScript(
        Path work, Map<String, String> variables, Commands commands) {
      StringBuilder script = new StringBuilder();
      for (Map.Entry<String, String> variable : new TreeMap<>(variables).entrySet()) {
        if (variable.getValue().equals(baseEnvironment.get(variable.getKey()))) {
          continue;
        }
        boolean temporary = Set.of("TEMP", "TMP", "TMPDIR").contains(variable.getKey());
        script
            .append(temporary ? "#" : "")
            .append("export ")
            .append(variable.getKey())
            .append('=')
            .append(CmmiFormat.shellQuote(variable.getValue()))
            .append('\n');
      }
      script
          .append("echo \"If this recipe does not use pre/post hooks or commands,")
          .append(" you can re-run as below.\"\n")
          .append("echo configure with:\necho ")
          .append(CmmiFormat.shellQuote("  " + commands.configure()))
          .append("\necho\necho make with:\necho ")
          .append(CmmiFormat.shellQuote("  " + commands.make()))
          .append("\necho\necho install with:\necho ")
          .append(CmmiFormat.shellQuote("  " + commands.install()))
          .append('\n');
      try {
        Files.writeString(work.resolve(ENVIRONMENT_SCRIPT), script, StandardCharsets.UTF_8);
      } catch (IOException e) {
        part.log().warning("Cannot write " + work.resolve(ENVIRONMENT_SCRIPT) + ": " + e);
      }
    }

    /** Upstream's rule: a source tree that is one directory is built inside it. */
    private static Path singleDirectoryIn(Path root) throws IOException {
      try (Stream<Path> entries = Files.list(root)) {
        List<Path> all = entries.toList();
        if (all.size() == 1 && Files.isDirectory(all.get(0))) {
          return all.get(0);
        }
      }
      return root;
    }

    /**
     * Upstream's workaround for the kernel's limit on {@code #!} lines: a script in {@code bin} or
     * {@code sbin} whose first line is longer than 127 bytes is renamed {@code NAME.shebang} and
     * replaced by a small shell script that runs it with its interpreter.
     */
    private void fixShebangs() throws IOException {
      for (String directory : List.of("bin", "sbin")) {
        Path bin = location.resolve(directory);
        if (!Files.isDirectory(bin, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(bin)) {
          files = list.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path file : files) {
          byte[] header;
          try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(128);
          }
          if (header.length < 2 || header[0] != '#' || header[1] != '!') {
            continue;
          }
          boolean newline = false;
          for (byte b : header) {
            newline |= b == '\n';
          }
          if (newline) {
            continue;
          }
          Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
          Path renamed = file.resolveSibling(file.getFileName() + ".shebang");
          Files.move(file, renamed);
          Files.writeString(
              file,
              """
              #!/bin/sh -e
              read -r EXE ARG < "$0.shebang"
              EXE=${EXE#\\#!}
              [ "$EXE" ] || read -r _ EXE ARG < "$0.shebang"
              exec $EXE ${ARG:+"$ARG"} "$0.shebang" "$@"
              """);
          Files.setPosixFilePermissions(file, mode);
        }
      }
    }
  }
}

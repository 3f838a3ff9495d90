package io.buildout4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parsed command line: {@code buildout4j [options] COMMAND [options] [section:option=value ...]
 * [arguments]}. Options and assignments may come before or after the command, as with buildout; a
 * word with {@code =} that is not an option is an assignment; the other words after the command are
 * its arguments (part names for {@code install}, {@code plan} and {@code uninstall}).
 */
record CommandLine(
    String command,
    String config,
    boolean userDefaults,
    boolean raw,
    boolean noRecipes,
    boolean recipePlaceholders,
    boolean slapos,
    boolean verbose,
    String format,
    @Nullable String python,
    @Nullable String executable,
    @Nullable Boolean offline,
    @Nullable Integer jobs,
    boolean keepGoing,
    @Nullable String progress,
    @Nullable String shared,
    boolean delete,
    List<String> assignments,
    List<String> arguments) {

  static final String USAGE =
      """
      Usage: buildout4j COMMAND [options] [section:option=value ...] [arguments]

      Commands:
        install [PART ...]    bring the directory to the state the profile describes:
                              uninstall what is gone or changed, then install or update every
                              part of [buildout] parts (or only the named parts)
        plan [PART ...]       what install would do to each part, and why; changes nothing
        uninstall [PART ...]  uninstall the named installed parts (none named: all of them)
        resolve               print every section with its options resolved (recipes are
                              created, and may add options, unless --no-recipes)
        annotate [SECTION ...]
                              print every option (of the named sections) and where it came from
        query [SECTION:]OPTION
                              print one resolved value (recipes are created, unless
                              --no-recipes)
        gc --shared DIR [BUILDOUT ...] [--delete]
                              list (with --delete: remove) the shared parts in DIR that none
                              of the named buildout directories reaches

      Options:
        -c FILE               the profile (default: buildout.cfg in the current directory)
        -U                    do not read user defaults (~/.buildout/default.cfg)
        -o, -O                offline / online (buildout:offline=true|false)
        -n, -N                newest / not newest (buildout:newest=true|false)
        -j N, --jobs N        install: run up to N parts at once, each after the parts it
                              references (default: [buildout] jobs, else 1: buildout's order)
        --keep-going          install: after a failure, go on with the parts that do not
                              depend on the failed one
        --progress plain|live install, uninstall: plain lines, or a live display redrawn in
                              place (default: live on a terminal, plain otherwise)
        -v                    verbose: install shows every line parts print, annotate shows
                              full histories, query shows the reference
        --format text|json    output format of plan, resolve, annotate, query (default text)
        --raw                 resolve: the assembled values, before substitution and macros
        --no-recipes          resolve, plan, query: profile semantics only, no recipe is created
                              (plan then shows the order, with missing recipe options as
                              @RECIPE{section:option})
        --recipe-placeholders
                              resolve --no-recipes: a missing option of a recipe section reads
                              as @RECIPE{section:option} instead of failing
        --no-slapos           upstream zc.buildout semantics: no ${:_profile_base_location_},
                              $${ stays as written
        --python X.Y          the Python version section conditions answer for (default 3.11)
        --executable PATH     the default of ${buildout:executable} (default: python3 on the PATH)
        -h, --help            this help

      Exit status: 0 on success, 1 on any error (a failed part included).
      """;

  /** Thrown for a command line that does not parse; the message says what is wrong. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static CommandLine parse(List<String> args) {
    String command = null;
    String config = "buildout.cfg";
    boolean userDefaults = true;
    boolean raw = false;
    boolean noRecipes = false;
    boolean placeholders = false;
    boolean slapos = true;
    boolean verbose = false;
    String format = "text";
    String python = null;
    String executable = null;
    Boolean offline = null;
    Integer jobs = null;
    boolean keepGoing = false;
    String progress = null;
    String shared = null;
    boolean delete = false;
    List<String> assignments = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "-c", "--config" -> config = value(args, ++i, arg);
        case "-U" -> userDefaults = false;
        case "-o" -> {
          assignments.add("buildout:offline=true");
          offline = true;
        }
        case "-O" -> {
          assignments.add("buildout:offline=false");
          offline = false;
        }
        case "-n" -> assignments.add("buildout:newest=true");
        case "-N" -> assignments.add("buildout:newest=false");
        case "-v", "--verbose" -> verbose = true;
        case "--raw" -> raw = true;
        case "--no-recipes" -> noRecipes = true;
        case "--recipe-placeholders" -> placeholders = true;
        case "--no-slapos" -> slapos = false;
        case "-j", "--jobs" -> jobs = jobs(value(args, ++i, arg), arg);
        case "--keep-going" -> keepGoing = true;
        case "--shared" -> shared = value(args, ++i, arg);
        case "--delete" -> delete = true;
        case "--progress" -> progress = progress(value(args, ++i, arg));
        case "--python" -> python = value(args, ++i, arg);
        case "--executable" -> executable = value(args, ++i, arg);
        case "--format" -> format = format(value(args, ++i, arg));
        case "-h", "--help" -> command = "help";
        default -> {
          if (arg.startsWith("-c") && arg.length() > 2) {
            config = arg.substring(2);
          } else if (arg.startsWith("--format=")) {
            format = format(arg.substring("--format=".length()));
          } else if (arg.startsWith("--jobs=")) {
            jobs = jobs(arg.substring("--jobs=".length()), "--jobs");
          } else if (arg.startsWith("-j") && !arg.startsWith("-j=")) {
            jobs = jobs(arg.substring(2), "-j");
          } else if (arg.startsWith("--progress=")) {
            progress = progress(arg.substring("--progress=".length()));
          } else if (arg.startsWith("-") && !arg.equals("-")) {
            throw new UsageException("Invalid option " + arg);
          } else if (arg.contains("=")) {
            assignments.add(arg);
          } else if (command == null) {
            command = arg;
          } else {
            arguments.add(arg);
          }
        }
      }
    }
    if (command == null) {
      throw new UsageException("no command given");
    }
    if (placeholders && !noRecipes) {
      throw new UsageException("--recipe-placeholders goes with --no-recipes");
    }
    boolean runs = command.equals("install") || command.equals("uninstall");
    if (runs && format.equals("json")) {
      throw new UsageException(
          command
              + " prints progress as text: --format json goes with plan, resolve, annotate, query");
    }
    if (command.equals("gc") && shared == null) {
      throw new UsageException("gc needs --shared DIR: the shared-part directory to clean");
    }
    if ((shared != null || delete) && !command.equals("gc")) {
      throw new UsageException("--shared and --delete go with gc");
    }
    if (noRecipes && runs) {
      throw new UsageException(command + " needs recipes: --no-recipes goes with resolve and plan");
    }
    return new CommandLine(
        command,
        config,
        userDefaults,
        raw,
        noRecipes,
        placeholders,
        slapos,
        verbose,
        format,
        python,
        executable,
        offline,
        jobs,
        keepGoing,
        progress,
        shared,
        delete,
        List.copyOf(assignments),
        List.copyOf(arguments));
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new UsageException("No value specified for option " + option);
    }
    return args.get(index);
  }

  private static String format(String format) {
    if (!format.equals("text") && !format.equals("json")) {
      throw new UsageException("--format takes text or json, not " + format);
    }
    return format;
  }

  private static int jobs(String value, String option) {
    try {
      int jobs = Integer.parseInt(value);
      if (jobs >= 1) {
        return jobs;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " takes a whole number of at least 1, not '" + value + "'");
  }

  private static String progress(String value) {
    if (!value.equals("plain") && !value.equals("live")) {
      throw new UsageException("--progress takes plain or live, not " + value);
    }
    return value;
  }

  boolean json() {
    return format.equals("json");
  }
}

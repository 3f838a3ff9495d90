package io.buildout4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parsed command line: {@code buildout4j [options] COMMAND [options] [section:option=value ...]
 * [arguments]}. Options and assignments may come before or after the command, as with buildout; a
 * word with {@code =} that is not an option is an assignment.
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
    List<String> assignments,
    List<String> arguments) {

  static final String USAGE =
      """
      Usage: buildout4j COMMAND [options] [section:option=value ...] [arguments]

      Commands:
        resolve    print every section with its options resolved
        annotate   print every option (or those of the named sections) and where it came from
        query      print one resolved value: query [section:]option

      Options:
        -c FILE              the profile (default: buildout.cfg in the current directory)
        -U                   do not read user defaults (~/.buildout/default.cfg)
        -o, -O               offline / online (buildout:offline=true|false)
        -n, -N               newest / not newest (buildout:newest=true|false)
        -v                   verbose: annotate shows full histories, query shows the reference
        --format text|json   output format (default text)
        --raw                resolve: the assembled values, before substitution and macros
        --no-recipes         resolve: profile semantics only, no recipe is created
        --recipe-placeholders
                             with --no-recipes: a missing option of a recipe section reads as
                             @RECIPE{section:option} instead of failing
        --no-slapos          upstream zc.buildout semantics: no ${:_profile_base_location_},
                             $${ stays as written
        --python X.Y         the Python version section conditions answer for (default 3.11)
        --executable PATH    the default of ${buildout:executable} (default: python3 on the PATH)
        -h, --help           this help
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
    List<String> assignments = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "-c", "--config" -> config = value(args, ++i, arg);
        case "-U" -> userDefaults = false;
        case "-o" -> assignments.add("buildout:offline=true");
        case "-O" -> assignments.add("buildout:offline=false");
        case "-n" -> assignments.add("buildout:newest=true");
        case "-N" -> assignments.add("buildout:newest=false");
        case "-v", "--verbose" -> verbose = true;
        case "--raw" -> raw = true;
        case "--no-recipes" -> noRecipes = true;
        case "--recipe-placeholders" -> placeholders = true;
        case "--no-slapos" -> slapos = false;
        case "--python" -> python = value(args, ++i, arg);
        case "--executable" -> executable = value(args, ++i, arg);
        case "--format" -> {
          format = value(args, ++i, arg);
          if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("--format takes text or json, not " + format);
          }
        }
        case "-h", "--help" -> command = "help";
        default -> {
          if (arg.startsWith("-c") && arg.length() > 2) {
            config = arg.substring(2);
          } else if (arg.startsWith("--format=")) {
            format = arg.substring("--format=".length());
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
        List.copyOf(assignments),
        List.copyOf(arguments));
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new UsageException("No value specified for option " + option);
    }
    return args.get(index);
  }

  boolean json() {
    return format.equals("json");
  }
}

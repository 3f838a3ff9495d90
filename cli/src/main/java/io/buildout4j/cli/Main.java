package io.buildout4j.cli;

import io.buildout4j.engine.Buildout;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profile;
import io.buildout4j.profile.ProfileLoader;
import io.buildout4j.profile.Profiles;
import io.buildout4j.profile.condition.TargetEnvironment;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code buildout4j} command. {@link #main} is what {@code bin/buildout4j} runs; tests call
 * {@link #run} with their own streams and working directory.
 */
public final class Main {
  private final PrintStream out;
  private final PrintStream err;
  private final Path workingDirectory;
  private final boolean terminal;

  /**
   * A command that prints to {@code out} and {@code err} and resolves paths from {@code cwd}. Its
   * progress display is plain unless {@code --progress live} asks for the live one.
   */
  public Main(PrintStream out, PrintStream err, Path workingDirectory) {
    this(out, err, workingDirectory, false);
  }

  private Main(PrintStream out, PrintStream err, Path workingDirectory, boolean terminal) {
    this.out = out;
    this.err = err;
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status =
        new Main(out, err, Path.of("").toAbsolutePath(), Progress.onTerminal())
            .run(Arrays.asList(args));
    out.flush();
    System.exit(status);
  }

  /** Runs the command line; returns the exit status (0 success, 1 error). */
  public int run(List<String> args) {
    CommandLine line;
    try {
      line = CommandLine.parse(args);
    } catch (CommandLine.UsageException e) {
      err.println("Error: " + e.getMessage());
      err.print(CommandLine.USAGE);
      return 1;
    }
    try {
      switch (line.command()) {
        case "help" -> out.print(CommandLine.USAGE);
        case "resolve" -> new ResolveCommand(out).run(line, loader(line));
        case "plan" -> new PlanCommand(out).run(line, loader(line));
        case "install", "uninstall" -> new InstallCommand(out, terminal).run(line, loader(line));
        case "annotate" -> new AnnotateCommand(out).run(line, loader(line));
        case "query" -> new QueryCommand(out).run(line, loader(line));
        case "gc" -> new GcCommand(out, workingDirectory).run(line);
        default -> throw new BuildoutException("UserError", "invalid command: " + line.command());
      }
      return 0;
    } catch (BuildoutException e) {
      err.println(e.describe());
      if (!line.noRecipes()
          && (line.command().equals("resolve") || line.command().equals("plan"))
          && String.valueOf(e.getMessage()).startsWith("No recipe named ")) {
        err.println(
            "(buildout4j "
                + line.command()
                + " --no-recipes works on the profile alone, without creating recipes)");
      }
      if (line.json()) {
        out.print(JsonWriter.write(Map.of("error", e.kind() + ": " + e.getMessage())));
      }
      return 1;
    } catch (CommandLine.UsageException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    }
  }

  private ProfileLoader loader(CommandLine line) {
    ProfileLoader loader =
        Profiles.loader()
            .workingDirectory(workingDirectory)
            .userDefaults(line.userDefaults())
            .slaposExtensions(line.slapos())
            .recipePlaceholders(line.recipePlaceholders())
            .fullHistory(line.verbose() && line.command().equals("annotate"));
    if (line.offline() != null) {
      loader = loader.offline(line.offline());
    }
    if (line.executable() != null) {
      loader = loader.executable(line.executable());
    }
    if (line.python() != null) {
      loader = loader.target(pythonTarget(line.python()));
    }
    for (String assignment : line.assignments()) {
      loader = loader.override(assignment);
    }
    return loader;
  }

  private static TargetEnvironment pythonTarget(String version) {
    String[] parts = version.split("\\.");
    try {
      if (parts.length == 2) {
        return TargetEnvironment.current()
            .withPython(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
      if (parts.length == 3) {
        return TargetEnvironment.current()
            .withPython(
                Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandLine.UsageException("--python takes a version such as 3.11, not " + version);
  }

  /** Loads the profile named by {@code -c}, relative to the working directory. */
  static Profile load(CommandLine line, ProfileLoader loader) {
    return loader.load(line.config());
  }

  /**
   * The buildout of the profile named by {@code -c}, with the command line's jobs and keep-going;
   * with {@code --no-recipes}, recipes are not created and missing recipe options read as
   * placeholders.
   */
  static Buildout.Builder buildout(CommandLine line, ProfileLoader loader) {
    Buildout.Builder builder =
        Buildout.builder(line.config())
            .loader(line.noRecipes() ? loader.recipePlaceholders(true) : loader)
            .loadRecipes(!line.noRecipes())
            .keepGoing(line.keepGoing());
    if (line.jobs() != null) {
      builder.jobs(line.jobs());
    }
    return builder;
  }
}

package io.buildout4j.samples.embedding;

import static java.util.stream.Collectors.joining;

import io.buildout4j.engine.Action;
import io.buildout4j.engine.BuildListener;
import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.PartOutcome;
import io.buildout4j.engine.PartPlan;
import io.buildout4j.engine.Plan;
import io.buildout4j.engine.RunFailedException;
import io.buildout4j.engine.RunReport;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profile;
import io.buildout4j.profile.ProfileLoader;
import io.buildout4j.profile.Profiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A tool that embeds buildout4j: it loads a profile, prints what an install would do to each part
 * and why, installs, printing the run's events as they happen, and prints a summary.
 *
 * <pre>java -jar buildout4j-sample-embedding-VERSION.jar path/to/buildout.cfg</pre>
 *
 * <p>The parts are installed in the profile's directory (its {@code [buildout] directory}). Exit
 * status: 0 when everything is installed, 1 when the profile or a part fails (buildout's message is
 * printed, not a stack trace), 2 for a bad command line.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: embedding-example PROFILE   (a buildout.cfg)");
      System.exit(2);
    }
    Path path = Path.of(args[0]).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      System.err.println("embedding-example: no profile at " + path);
      System.exit(2);
    }
    try {
      install(path);
    } catch (BuildoutException e) {
      // every error about a profile or a run; describe() is the text buildout prints
      System.err.println(e.describe());
      System.exit(1);
    }
  }

  private static void install(Path path) {
    // How to read profiles; immutable, so one configuration serves every call. Without user
    // defaults (~/.buildout/default.cfg), the result depends on the profile alone.
    ProfileLoader loader = Profiles.loader().userDefaults(false);

    // 1. The profile: extends, +=, command-line assignments; sections resolve when first read.
    Profile profile = loader.load(path);
    System.out.println("Profile " + path);
    System.out.println("  directory " + profile.get("buildout", "directory"));
    System.out.println("  parts     " + String.join(" ", profile.partOrder()));

    // 2. The plan: what an install would do to each part, and why. It changes nothing.
    Buildout buildout = Buildout.builder(path).loader(loader).listener(new Progress()).build();
    Plan plan = buildout.plan();
    System.out.println("Plan");
    for (PartPlan part : plan.parts().values()) {
      System.out.printf("  %-9s %-12s %s%n", part.action().label(), part.name(), part.reason());
    }

    // 3. The install: Progress prints events as they happen, then the report is summed up.
    System.out.println("Install");
    try {
      printSummary(buildout.install());
    } catch (RunFailedException e) {
      printSummary(e.report()); // what was done before the failure stays installed
      throw e;
    }
  }

  private static void printSummary(RunReport report) {
    System.out.printf(
        "Summary: %d done, %d failed, %d skipped in %s%n",
        report.parts(PartOutcome.Status.DONE).size(),
        report.parts(PartOutcome.Status.FAILED).size(),
        report.parts(PartOutcome.Status.SKIPPED).size(),
        seconds(report.duration()));
    for (PartOutcome outcome : report.outcomes()) {
      String status = outcome.status().name().toLowerCase(Locale.ROOT);
      String paths = outcome.paths().stream().map(Path::toString).collect(joining(" "));
      String line =
          String.format(
              "  %-9s %-12s %-7s %s", outcome.action().label(), outcome.part(), status, paths);
      System.out.println(line.stripTrailing());
    }
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  /**
   * Prints a run's events as they happen. The engine calls a listener from the threads that run
   * parts (several at once with {@code jobs(n)}), so it must be thread-safe and quick: println is.
   */
  private static final class Progress implements BuildListener {
    @Override
    public void partStarted(String part, Action action) {
      System.out.println("  " + action.label() + " " + part + " ...");
    }

    @Override
    public void partOutput(String part, String line) {
      System.out.println("    " + part + " | " + line);
    }

    @Override
    public void partFinished(String part, Action action, Duration duration, List<Path> paths) {
      System.out.println("  " + action.label() + " " + part + ": done in " + seconds(duration));
    }

    @Override
    public void partFailed(String part, Action action, Duration duration, Throwable cause) {
      System.out.println("  " + action.label() + " " + part + ": FAILED");
    }

    @Override
    public void partSkipped(String part, String failedDependency) {
      System.out.println("  " + part + ": skipped, " + failedDependency + " failed");
    }

    @Override
    public void message(String text) {
      System.out.println("  " + text);
    }
  }
}

package io.buildout4j.engine;

import io.buildout4j.engine.testing.Halt;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A buildout run in its own JVM, for the crash and lock tests: {@code ChildBuildout PROFILE
 * [uninstall] [-j N]} runs {@link Buildout#install()} (or uninstalls everything) on the profile,
 * with the profile's directory as working directory and no user defaults. It prints {@code running
 * PID} once the run holds the directory lock and has planned, {@code done} and exits 0 when the run
 * succeeded, or {@code failed: MESSAGE} and exits 1. With {@code -Dbuildout4j.test.halt=
 * started:PART} or {@code finished:PART} it halts when that part's action starts (before anything
 * is recorded for it) or has finished (after it is recorded); the test recipe {@code
 * test:halting-files} halts at points inside the recipe (see {@link Halt}).
 */
public final class ChildBuildout {
  private ChildBuildout() {}

  public static void main(String[] args) {
    Path profile = Path.of(args[0]).toAbsolutePath();
    boolean uninstall = false;
    int jobs = 1;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("uninstall")) {
        uninstall = true;
      } else if (args[i].equals("-j")) {
        jobs = Integer.parseInt(args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    BuildListener listener =
        new BuildListener() {
          @Override
          public void runStarted(Plan plan) {
            System.out.println("running " + ProcessHandle.current().pid());
            System.out.flush();
          }

          @Override
          public void partStarted(String part, Action action) {
            Halt.at("started", part);
          }

          @Override
          public void partFinished(
              String part, Action action, Duration duration, List<Path> paths) {
            Halt.at("finished", part);
          }
        };
    try {
      Buildout buildout =
          Buildout.builder(profile)
              .loader(Profiles.loader().userDefaults(false).workingDirectory(profile.getParent()))
              .listener(listener)
              .jobs(jobs)
              .build();
      if (uninstall) {
        buildout.uninstall(List.of());
      } else {
        buildout.install();
      }
      System.out.println("done");
      System.out.flush();
      System.exit(0);
    } catch (BuildoutException e) {
      System.out.println("failed: " + e.getMessage().replace('\n', ' '));
      System.out.flush();
      System.exit(1);
    }
  }
}

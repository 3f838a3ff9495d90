package io.buildout4j.cli;

import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.RunFailedException;
import io.buildout4j.engine.RunReport;
import io.buildout4j.profile.ProfileLoader;
import java.io.PrintStream;

/**
 * {@code install [PART ...]} and {@code uninstall [PART ...]}: runs the engine with a {@link
 * Progress} display on standard output and ends with a summary line. A failed run is reported by
 * rethrowing its {@link RunFailedException} after the summary, so that the caller prints the error
 * and exits with status 1.
 */
final class InstallCommand {
  private final PrintStream out;
  private final boolean terminal;

  /**
   * @param terminal whether standard output is a terminal (a live display unless {@code --progress
   *     plain})
   */
  InstallCommand(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  void run(CommandLine line, ProfileLoader loader) {
    try (Progress progress = Progress.create(line.progress(), terminal, out, line.verbose())) {
      Buildout buildout = Main.buildout(line, loader).listener(progress).build();
      RunReport report;
      try {
        if (line.command().equals("uninstall")) {
          report = buildout.uninstall(line.arguments());
        } else if (line.arguments().isEmpty()) {
          report = buildout.install();
        } else {
          report = buildout.install(line.arguments());
        }
      } catch (RunFailedException e) {
        progress.finish(e.report());
        throw e;
      }
      progress.finish(report);
    }
  }
}

package io.buildout4j.recipe;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a recipe gets to work with: its part's name and options, the rest of the profile, the
 * buildout's directories, a log, downloads and subprocesses. Handed to {@link
 * RecipeFactory#create(Part)}; the recipe keeps it for {@link Recipe#install()} and {@link
 * Recipe#update()}.
 *
 * <p>Implemented by the engine; safe to use from any thread.
 */
public interface Part {
  /** The part's (and its section's) name. */
  String name();

  /** The part's own options, live. */
  Options options();

  /**
   * Another section, resolved on first use: buildout's {@code buildout[name]}. Reading a section
   * from the recipe constructor counts as a reference: that section (and any part behind it) is
   * ordered, and installed, before this part, and a change to it reinstalls this part.
   *
   * @throws RuntimeException (buildout4j's {@code MissingSectionException}) if there is no such
   *     section
   */
  Options section(String name);

  /**
   * A digest of the code and the inputs this part depends on besides its own options: its recipe's
   * code signature, then {@code PART:MD5} for each part it references (directly or through sections
   * without a recipe), where MD5 covers that part's options and, recursively, its own signature.
   * Two buildouts with the same recipe and the same referenced parts get the same value: what
   * shared parts hash. Call it at the end of {@link RecipeFactory#create(Part)}, once every section
   * the recipe reads has been read.
   */
  String signature();

  /** Whether the profile has a section of that name. */
  boolean hasSection(String name);

  /** The buildout's directories, absolute. */
  BuildoutDirectories directories();

  /** The part's log. */
  PartLog log();

  /** Downloads, through the buildout's download cache and checksums. */
  Downloads downloads();

  /** Whether the run is offline ({@code -o}, {@code [buildout] offline}): use no network. */
  boolean offline();

  /** Whether to look for newer versions of what is downloaded ({@code -n}/{@code -N}). */
  boolean newest();

  /**
   * Registers paths the running {@link Recipe#install()} or {@link Recipe#update()} is about to
   * create (call it before creating them). If the call fails, or the process dies before the part
   * is recorded, they are deleted (directories recursively). Relative paths are relative to the
   * buildout directory.
   *
   * @throws IllegalStateException if called outside install or update
   */
  void created(Path... paths);

  /**
   * Runs a subprocess, sending its standard output and error, line by line, to the part's log. The
   * builder's directory and environment are used as given; its redirections are replaced.
   *
   * @return the exit status
   * @throws IOException if the process cannot be started
   * @throws InterruptedException if the run is cancelled while waiting (the process is killed)
   */
  int run(ProcessBuilder process) throws IOException, InterruptedException;

  /**
   * Like {@link #run(ProcessBuilder)}, but a non-zero exit status is a {@link RecipeException}
   * naming the command, its status and its last lines of output.
   */
  default void check(ProcessBuilder process) throws IOException, InterruptedException {
    int status = run(process);
    if (status != 0) {
      throw new RecipeException(
          "Command "
              + String.join(" ", process.command())
              + " failed with exit status "
              + status
              + " (the output is in the log of part "
              + name()
              + ")");
    }
  }
}

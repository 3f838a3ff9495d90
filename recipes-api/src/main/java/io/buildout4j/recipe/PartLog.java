package io.buildout4j.recipe;

/**
 * A part's log: lines go to the part's log file ({@code .buildout4j/logs/PART.log} under the
 * buildout directory) and to the engine's listeners (the command line shows them). Safe to call
 * from any thread.
 */
public interface PartLog {
  /** Progress worth showing to the user. */
  void info(String message);

  /** Something the user should look at; the run goes on. */
  void warning(String message);

  /** Detail for the log file; shown only when the user asks for verbose output. */
  void debug(String message);
}

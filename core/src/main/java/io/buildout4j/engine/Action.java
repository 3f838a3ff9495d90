package io.buildout4j.engine;

/** What a run does to a part. */
public enum Action {
  /** The part is not installed: install it. */
  INSTALL,
  /** Installed and unchanged: call the recipe's update. */
  UPDATE,
  /** Installed but changed (options, recipe, a referenced part) or a path vanished. */
  REINSTALL,
  /** Installed but no longer wanted: uninstall it. */
  UNINSTALL,
  /** Installed and left alone (not named by {@code install PART ...}). */
  KEEP;

  /** The lower-case name used in plans and on the command line. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

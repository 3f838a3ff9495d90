package io.buildout4j.profile;

/** What one step in a value's history did, with the names buildout's {@code annotate} prints. */
public enum Operation {
  /** First definition of the option. */
  SET,
  /** A later layer replaced the value. */
  OVERRIDE,
  /** {@code +=}: lines appended. */
  ADD,
  /** {@code -=}: lines removed. */
  REMOVE,
  /** Buildout made a relative directory absolute. */
  DIRECTORY,
  /** A {@code <=} macro brought the value in from the section named by the step's value. */
  MACRO;

  /** True for {@link #ADD} and {@link #REMOVE}, which build on the previous value. */
  public boolean isIncrement() {
    return this == ADD || this == REMOVE;
  }

  /**
   * True for the steps that give the value afresh: {@link #SET}, {@link #OVERRIDE}, {@link
   * #DIRECTORY}.
   */
  public boolean setsValue() {
    return this == SET || this == OVERRIDE || this == DIRECTORY;
  }
}

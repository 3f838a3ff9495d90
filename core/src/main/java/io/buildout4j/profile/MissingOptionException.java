package io.buildout4j.profile;

/** An option was required (by a reference, a caller or the engine) but is not defined. */
public final class MissingOptionException extends BuildoutException {
  private static final long serialVersionUID = 1L;
  private final String section;
  private final String option;

  /** Created by the resolver with the complete message. */
  public MissingOptionException(String section, String option, String message) {
    super("MissingOption", message);
    this.section = section;
    this.option = option;
  }

  /** The section that lacks the option. */
  public String section() {
    return section;
  }

  /** The option that is missing. */
  public String option() {
    return option;
  }
}

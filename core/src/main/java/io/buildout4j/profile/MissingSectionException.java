package io.buildout4j.profile;

/**
 * A {@code ${section:option}} reference, a macro or a caller named a section that is not defined.
 */
public final class MissingSectionException extends BuildoutException {
  private static final long serialVersionUID = 1L;
  private final String section;

  /** Created by the resolver; {@code detail} says who referenced it, or is empty. */
  public MissingSectionException(String section, String detail) {
    super(
        "MissingSection",
        "The referenced section, " + PythonStrings.repr(section) + ", was not defined." + detail);
    this.section = section;
  }

  /** The name of the section that does not exist. */
  public String section() {
    return section;
  }
}

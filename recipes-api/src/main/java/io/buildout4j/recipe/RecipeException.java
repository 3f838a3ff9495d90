package io.buildout4j.recipe;

import org.jspecify.annotations.Nullable;

/**
 * A failure the user can fix: a bad option, a missing file, a command that failed. The engine shows
 * its message as the error, after the part and recipe names and the "while" chain, without a stack
 * trace. Say what and where: name the option ({@code section:option}) or the path.
 */
public class RecipeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public RecipeException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by a lower-level error. */
  public RecipeException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}

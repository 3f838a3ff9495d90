package io.buildout4j.cookbook;

import io.buildout4j.recipe.RecipeException;
import org.jspecify.annotations.Nullable;

/**
 * An archive that {@link Unpacker} refused or could not unpack: an entry that would land outside
 * the target, a device file, an unknown format, a corrupt stream. The message names the archive
 * and, when one is to blame, the entry; nothing is left at the target.
 */
public final class UnpackException extends RecipeException {
  private static final long serialVersionUID = 1L;

  private final String archive;
  private final @Nullable String entry;

  UnpackException(
      String archive, @Nullable String entry, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.archive = archive;
    this.entry = entry;
  }

  /** The archive, as the caller named it (a URL or a path). */
  public String archive() {
    return archive;
  }

  /** The name of the entry to blame, as written in the archive, or null if none is. */
  public @Nullable String entry() {
    return entry;
  }
}

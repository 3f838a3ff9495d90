package io.buildout4j.recipe;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The directories of the buildout a part belongs to, all absolute: {@code [buildout]}'s {@code
 * directory}, {@code bin-directory}, {@code parts-directory}, {@code eggs-directory}, {@code
 * develop-eggs-directory} and {@code download-cache}.
 *
 * @param directory the buildout directory, which relative paths are resolved against
 * @param bin where scripts go
 * @param parts where parts put what they build ({@code parts/PART} by convention)
 * @param eggs buildout's eggs directory
 * @param developEggs buildout's develop-eggs directory
 * @param downloadCache the shared download cache, or null if none is configured
 */
public record BuildoutDirectories(
    Path directory,
    Path bin,
    Path parts,
    Path eggs,
    Path developEggs,
    @Nullable Path downloadCache) {

  /** The conventional location of a part: {@code parts/NAME}. */
  public Path partLocation(String partName) {
    return parts.resolve(partName);
  }
}

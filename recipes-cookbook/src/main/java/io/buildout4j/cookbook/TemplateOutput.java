package io.buildout4j.cookbook;

import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.RecipeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Writes a recipe's output file whole or not at all: the content goes to a temporary file next to
 * it, gets its mode, and is renamed over the output, so no reader ever sees half a file and a
 * failure leaves the old one. Every path is registered with {@link Part#created(Path...)} before it
 * is created.
 */
final class TemplateOutput {
  private TemplateOutput() {}

  /**
   * Writes {@code content} to {@code file}, creating its missing parent directories when {@code
   * createParents} (else a missing parent is an error).
   *
   * @param mode the file's mode, set exactly; null for a new file's default ({@code 0666} less the
   *     umask, what Python's {@code open(path, 'w')} gives), even when a file is replaced
   * @param where what is written, for error messages ({@code template:output})
   * @return the paths created: the file, preceded by the topmost parent directory created, if any
   */
  static List<Path> write(
      Part part,
      Path file,
      byte[] content,
      @Nullable Integer mode,
      boolean createParents,
      String where)
      throws IOException {
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new RecipeException("Cannot write " + where + ": " + file + " is a directory");
    }
    Path parent = file.toAbsolutePath().getParent();
    List<Path> created = new ArrayList<>();
    if (!Files.isDirectory(parent)) {
      if (!createParents) {
        throw new RecipeException(
            "Cannot write " + where + ": the directory " + parent + " does not exist");
      }
      Path top = parent;
      while (top.getParent() != null && !Files.exists(top.getParent())) {
        top = top.getParent();
      }
      part.created(top);
      created.add(top);
      Files.createDirectories(parent);
    }
    Path temporary = null;
    for (int attempt = 0; temporary == null; attempt++) {
      Path candidate =
          parent.resolve(
              "."
                  + file.getFileName()
                  + ".tmp"
                  + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
      part.created(candidate);
      try (OutputStream out =
          Files.newOutputStream(
              candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        temporary = candidate;
        out.write(content);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 10) {
          throw e;
        }
      }
    }
    try {
      if (mode != null) {
        Files.setPosixFilePermissions(temporary, OctalMode.permissions(mode));
      }
      part.created(file);
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
    created.add(file);
    return created;
  }

  /** Whether {@code file} is a regular file whose content is exactly {@code content}. */
  static boolean hasContent(Path file, byte[] content) {
    try {
      return Files.isRegularFile(file)
          && Files.size(file) == content.length
          && Arrays.equals(Files.readAllBytes(file), content);
    } catch (IOException e) {
      return false;
    }
  }
}

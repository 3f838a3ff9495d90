package io.buildout4j.cookbook;

import io.buildout4j.recipe.DownloadRequest;
import io.buildout4j.recipe.Downloads;
import io.buildout4j.recipe.RecipeException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Downloads of local files only (paths relative to a directory, {@code file:} URLs), with the MD5
 * checks and {@code #MD5} suffixes of the real service: what the cmmi tests need until the core
 * download service is wired into the engine.
 */
final class CmmiTestDownloads implements Downloads {
  private final Path directory;

  CmmiTestDownloads(Path directory) {
    this.directory = directory;
  }

  @Override
  public Path download(DownloadRequest request) throws IOException {
    String url = request.url();
    String checksum = request.checksum();
    int hash = url.lastIndexOf('#');
    if (hash >= 0 && url.substring(hash + 1).matches("[0-9a-fA-F]{32}")) {
      checksum = url.substring(hash + 1);
      url = url.substring(0, hash);
    }
    Path file = url.startsWith("file:") ? Path.of(URI.create(url)) : directory.resolve(url);
    if (!Files.isRegularFile(file)) {
      throw new RecipeException("Cannot download " + url + ": no such file");
    }
    if (checksum != null && !checksum.isBlank()) {
      String expected = checksum.strip().replaceFirst("^md5:", "");
      String actual = md5(file);
      if (!actual.equalsIgnoreCase(expected)) {
        throw new RecipeException(
            "Checksum mismatch for " + url + ": expected md5 " + expected + ", got " + actual);
      }
    }
    return file;
  }

  static String md5(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

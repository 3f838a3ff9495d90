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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The download service the template recipes' tests give the engine: local paths (relative to the
 * buildout directory) and {@code file:} URLs, with MD5 checks; it records each URL asked for.
 */
final class TemplateTestDownloads implements Downloads {
  private final Path directory;
  final List<String> requested = Collections.synchronizedList(new ArrayList<>());

  TemplateTestDownloads(Path directory) {
    this.directory = directory;
  }

  @Override
  public Path download(DownloadRequest request) throws IOException {
    String url = request.url();
    requested.add(url);
    Path file = url.startsWith("file:") ? Path.of(URI.create(url)) : directory.resolve(url);
    if (!Files.isRegularFile(file)) {
      throw new RecipeException("Cannot download " + url + ": no such file");
    }
    String checksum = request.checksum();
    if (checksum != null) {
      String actual = md5(Files.readAllBytes(file));
      if (!actual.equalsIgnoreCase(checksum.replaceFirst("^md5:", ""))) {
        throw new RecipeException(
            "MD5 checksum mismatch for " + url + ": expected " + checksum + ", got " + actual);
      }
    }
    return file;
  }

  static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

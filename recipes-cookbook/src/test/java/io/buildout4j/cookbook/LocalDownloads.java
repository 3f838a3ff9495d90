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
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A small real download service for tests: local paths (relative to a directory) and {@code file:}
 * URLs, returned in place; {@code md5:}, {@code sha256:}, {@code sha512:} or bare checksums and
 * {@code URL#MD5} suffixes checked as the engine's service checks them; the alternate URL tried
 * when the main one is missing. Records the requests it gets.
 */
final class LocalDownloads implements Downloads {
  private final Path directory;
  final List<DownloadRequest> requests = Collections.synchronizedList(new ArrayList<>());

  LocalDownloads(Path directory) {
    this.directory = directory;
  }

  @Override
  public Path download(DownloadRequest request) throws IOException {
    requests.add(request);
    String url = request.url();
    String checksum = request.checksum();
    int hash = url.lastIndexOf('#');
    if (hash >= 0 && url.substring(hash + 1).matches("[0-9a-fA-F]{32}")) {
      if (checksum == null || checksum.isBlank()) {
        checksum = "md5:" + url.substring(hash + 1);
      }
      url = url.substring(0, hash);
    }
    Path file = local(url);
    if (!Files.isRegularFile(file) && request.alternateUrl() != null) {
      file = local(request.alternateUrl());
    }
    if (!Files.isRegularFile(file)) {
      throw new RecipeException("Cannot download " + url + ": no such file");
    }
    if (checksum != null && !checksum.isBlank()) {
      String[] parts = checksum.strip().toLowerCase(Locale.ROOT).split(":", 2);
      String algorithm = parts.length == 1 ? "md5" : parts[0];
      String expected = parts[parts.length - 1];
      String actual = digest(file, algorithm);
      if (!actual.equals(expected)) {
        throw new RecipeException(
            "Checksum mismatch for "
                + url
                + ": expected "
                + algorithm
                + " "
                + expected
                + ", got "
                + actual);
      }
    }
    return file;
  }

  private Path local(String url) {
    return url.startsWith("file:") ? Path.of(URI.create(url)) : directory.resolve(url);
  }

  static String digest(Path file, @Nullable String algorithm) throws IOException {
    String name =
        switch (algorithm == null ? "md5" : algorithm) {
          case "sha256" -> "SHA-256";
          case "sha512" -> "SHA-512";
          default -> "MD5";
        };
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance(name).digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

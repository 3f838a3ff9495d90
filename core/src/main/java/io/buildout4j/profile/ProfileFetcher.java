package io.buildout4j.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text of a profile file: a local path, a {@code file:} URL, or an {@code http(s)} URL.
 *
 * <p>URLs follow buildout's extends rules: offline mode serves only the {@code extends-cache}; with
 * a cache and {@code newest}, each URL is fetched again and the cached copy is the fallback when
 * the server fails; without {@code newest} a cached copy is used as it is. Cached copies are named
 * by the MD5 of the URL, as buildout names them, and written atomically.
 */
final class ProfileFetcher {
  /** How remote files are fetched; from the [buildout] of the root file and the command line. */
  record Settings(boolean offline, boolean newest, @Nullable Path extendsCache, Duration timeout) {}

  private final Settings settings;
  private @Nullable HttpClient client;

  ProfileFetcher(Settings settings) {
    this.settings = settings;
  }

  /** The text of {@code location}, or a {@link BuildoutException} saying why it cannot be read. */
  String read(String location) {
    if (!ProfileLocations.isUrl(location)) {
      return readFile(Path.of(location), location);
    }
    URI uri;
    try {
      uri = URI.create(location);
    } catch (IllegalArgumentException e) {
      throw new BuildoutException("UserError", "Invalid URL in extends: " + location);
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (scheme.equals("file")) {
      return readFile(Path.of(uri.getPath()), location);
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new BuildoutException("UserError", "Unsupported URL scheme in extends: " + location);
    }
    return fetch(uri, location);
  }

  private String fetch(URI uri, String location) {
    Path cached =
        settings.extendsCache() == null ? null : settings.extendsCache().resolve(md5(location));
    if (settings.offline()) {
      if (cached != null && Files.isRegularFile(cached)) {
        return readFile(cached, location);
      }
      throw new BuildoutException(
          "UserError", "Couldn't download '" + location + "' in offline mode.");
    }
    if (cached != null && Files.isRegularFile(cached) && !settings.newest()) {
      return readFile(cached, location);
    }
    byte[] body;
    try {
      body = download(uri, location);
    } catch (BuildoutException e) {
      if (cached != null && Files.isRegularFile(cached)) {
        return readFile(cached, location);
      }
      throw e;
    }
    if (cached != null) {
      store(cached, body);
    }
    return decode(body, location);
  }

  private byte[] download(URI uri, String location) {
    try {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build();
      HttpResponse<byte[]> response =
          client().send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new BuildoutException(
            "UserError",
            "Error downloading extends for URL "
                + location
                + ": HTTP Error "
                + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new BuildoutException(
          "UserError", "Error downloading extends for URL " + location + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildoutException("UserError", "Interrupted while downloading " + location, e);
    }
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(settings.timeout())
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
    }
    return client;
  }

  private static void store(Path cached, byte[] body) {
    try {
      Files.createDirectories(cached.getParent());
      Path temp = Files.createTempFile(cached.getParent(), ".download-", ".tmp");
      try {
        Files.write(temp, body);
        try {
          Files.move(
              temp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, cached, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new BuildoutException(
          "UserError", "Cannot write the extends cache " + cached + ": " + e.getMessage(), e);
    }
  }

  private static String readFile(Path path, String location) {
    try {
      return decode(Files.readAllBytes(path), location);
    } catch (NoSuchFileException e) {
      throw new BuildoutException("UserError", "Couldn't open " + location);
    } catch (IOException | UncheckedIOException e) {
      throw new BuildoutException(
          "UserError", "Couldn't read " + location + ": " + e.getMessage(), e);
    }
  }

  private static String decode(byte[] bytes, String location) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BuildoutException("UserError", location + " is not valid UTF-8 text");
    }
  }

  static String md5(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JVM", e);
    }
  }
}

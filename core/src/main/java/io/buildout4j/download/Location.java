package io.buildout4j.download;

import io.buildout4j.recipe.RecipeException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a download points: a local file (a plain path, relative to the buildout directory, or a
 * {@code file:} URL) or an {@code http(s)://} URL.
 *
 * @param url the URL as the user wrote it, without a {@code #md5} suffix: what messages show and
 *     what the cache is keyed by
 * @param file the local file, or null for a remote URL
 * @param uri the remote URL, or null for a local file
 */
record Location(String url, @Nullable Path file, @Nullable URI uri) {
  private static final Pattern OTHER_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+://.*");

  boolean remote() {
    return uri != null;
  }

  /**
   * Parses {@code url} (stripped, without its {@code #md5} suffix).
   *
   * @throws RecipeException if it is not a path, {@code file:} or {@code http(s)://} URL
   */
  static Location parse(String url, Path directory) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (java.net.URISyntaxException e) {
        throw new RecipeException("Invalid URL " + url + ": " + e.getMessage());
      }
      if (uri.getHost() == null) {
        throw new RecipeException("Invalid URL " + url + ": no host");
      }
      return new Location(url, null, uri);
    }
    if (lower.startsWith("file:")) {
      return new Location(url, directory.resolve(filePath(url)).normalize(), null);
    }
    if (OTHER_SCHEME.matcher(url).matches()) {
      throw new RecipeException(
          "Cannot download "
              + url
              + ": only http://, https://, file: URLs and paths are supported");
    }
    try {
      return new Location(url, directory.resolve(url).normalize(), null);
    } catch (InvalidPathException e) {
      throw new RecipeException("Invalid path " + url + ": " + e.getMessage());
    }
  }

  private static Path filePath(String url) {
    try {
      URI uri = new URI(url);
      if (uri.isOpaque()) {
        return Path.of(uri.getSchemeSpecificPart());
      }
      String host = uri.getAuthority();
      if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
        throw new RecipeException(
            "Cannot download " + url + ": a file: URL must name a local file (no host)");
      }
      return Path.of(uri.getPath());
    } catch (java.net.URISyntaxException | InvalidPathException e) {
      // Not a well-formed URI (spaces, ...): take what follows "file:" as the path, as buildout
      // does.
      String path = url.substring("file:".length());
      if (path.startsWith("//")) {
        int slash = path.indexOf('/', 2);
        path = slash < 0 ? "/" : path.substring(slash);
      }
      try {
        return Path.of(path);
      } catch (InvalidPathException invalid) {
        throw new RecipeException("Invalid URL " + url + ": " + invalid.getMessage());
      }
    }
  }

  /**
   * The last segment of the URL's path, reduced to characters safe in a file name and at most 100
   * of them; {@code download} if there is none.
   */
  String basename() {
    String path = uri != null ? uri.getRawPath() : url;
    if (path == null) {
      path = "";
    }
    int slash = path.lastIndexOf('/');
    String name = slash < 0 ? path : path.substring(slash + 1);
    StringBuilder safe = new StringBuilder();
    for (int i = 0; i < name.length() && safe.length() < 100; i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '_'
              || c == '+';
      safe.append(ok ? c : '_');
    }
    String result = safe.toString();
    return result.isEmpty() || result.equals(".") || result.equals("..") ? "download" : result;
  }
}

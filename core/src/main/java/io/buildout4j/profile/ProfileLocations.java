package io.buildout4j.profile;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How buildout names profile files: local paths and URLs ({@code scheme://...}), how a name in
 * {@code extends} resolves against the file that names it, and the "base" of a file that {@code
 * ${:_profile_base_location_}} stands for. Paths and URLs are normalised ({@code ..} removed), so
 * that a loop spelled with {@code ..} is detected.
 */
final class ProfileLocations {
  private static final Pattern URL = Pattern.compile("[a-zA-Z0-9+.-]+://.*", Pattern.DOTALL);

  private ProfileLocations() {}

  /** Buildout's {@code _isurl}: a {@code scheme://} prefix. */
  static boolean isUrl(String location) {
    return URL.matcher(location).matches();
  }

  /** The location of {@code name} written in a file whose base is {@code base}. */
  static String resolve(String base, String name) {
    if (isUrl(name)) {
      return normaliseUrl(name);
    }
    if (isUrl(base)) {
      if (name.startsWith("/")) {
        return Path.of(name).normalize().toString();
      }
      return normaliseUrl(base + "/" + name);
    }
    return Path.of(base).resolve(name).toAbsolutePath().normalize().toString();
  }

  /** The directory of a path, or a URL up to its last {@code /}. */
  static String base(String location) {
    if (isUrl(location)) {
      return location.substring(0, location.lastIndexOf('/'));
    }
    Path parent = Path.of(location).getParent();
    return parent == null ? "/" : parent.toString();
  }

  private static String normaliseUrl(String url) {
    try {
      URI uri = URI.create(url).normalize();
      String text = uri.toString();
      return text.replace("/../", "/");
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}

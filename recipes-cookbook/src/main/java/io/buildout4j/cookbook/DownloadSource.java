package io.buildout4j.cookbook;

import io.buildout4j.recipe.DownloadRequest;
import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.RecipeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a downloading recipe fetches, read from its options when the recipe is created: {@code url},
 * {@code alternate-url} and the checksums {@code md5sum}, {@code sha256}, {@code sha512} (any of
 * them; empty values count as absent, as SlapOS's {@code md5sum =} does). The strongest checksum
 * goes to the download service, which refuses a mismatch before anything is kept; the others are
 * checked here on the file it returns.
 */
final class DownloadSource {
  /** One checksum option. */
  record Check(String option, String algorithm, String requestPrefix, String hex) {}

  private static final String[][] CHECKS = {
    {"sha512", "SHA-512", "sha512", "128"},
    {"sha256", "SHA-256", "sha256", "64"},
    {"md5sum", "MD5", "md5", "32"},
  };

  private final String section;
  private final String url;
  private final @Nullable String alternateUrl;
  private final List<Check> checks;

  private DownloadSource(
      String section, String url, @Nullable String alternateUrl, List<Check> checks) {
    this.section = section;
    this.url = url;
    this.alternateUrl = alternateUrl;
    this.checks = List.copyOf(checks);
  }

  /**
   * Reads and checks the options of {@code part}.
   *
   * @throws RecipeException naming {@code section:option} for a missing url or a malformed checksum
   */
  static DownloadSource read(Part part) {
    Options options = part.options();
    String section = options.section();
    String url = options.require("url").strip();
    if (url.isEmpty()) {
      throw new RecipeException("Empty option " + section + ":url (it must name what to download)");
    }
    String alternate = options.get("alternate-url");
    alternate = alternate == null || alternate.isBlank() ? null : alternate.strip();
    List<Check> checks = new ArrayList<>();
    for (String[] check : CHECKS) {
      String value = options.get(check[0]);
      if (value == null || value.isBlank()) {
        continue;
      }
      String hex = value.strip().toLowerCase(Locale.ROOT);
      int length = Integer.parseInt(check[3]);
      if (hex.length() != length || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new RecipeException(
            "Invalid value for "
                + section
                + ":"
                + check[0]
                + ": '"
                + value.strip()
                + "' (a "
                + check[1]
                + " digest is "
                + length
                + " hexadecimal digits)");
      }
      checks.add(new Check(check[0], check[1], check[2], hex));
    }
    return new DownloadSource(section, url, alternate, checks);
  }

  /** The URL (or path) to fetch, as the profile gives it. */
  String url() {
    return url;
  }

  /** What the download service is asked for: the URL, the strongest checksum, the alternate. */
  DownloadRequest request() {
    String checksum =
        checks.isEmpty() ? null : checks.get(0).requestPrefix() + ":" + checks.get(0).hex();
    return new DownloadRequest(url, checksum, alternateUrl);
  }

  /**
   * Fetches the file through the part's download service and checks the checksums the service was
   * not given.
   *
   * @return the local copy, which the caller must not change or delete
   */
  Path fetch(Part part) throws IOException {
    Path file = part.downloads().download(request());
    for (Check check : checks.subList(Math.min(1, checks.size()), checks.size())) {
      String actual = digest(file, check.algorithm());
      if (!actual.equals(check.hex())) {
        throw new RecipeException(
            "Checksum mismatch for "
                + url
                + ": "
                + section
                + ":"
                + check.option()
                + " is "
                + check.hex()
                + ", but the downloaded file's "
                + check.algorithm()
                + " is "
                + actual);
      }
    }
    return file;
  }

  private static String digest(Path file, String algorithm) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no " + algorithm, e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

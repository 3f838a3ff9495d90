package io.buildout4j.download;

import io.buildout4j.recipe.RecipeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An expected digest: {@code md5:HEX}, {@code sha256:HEX}, {@code sha512:HEX}, or bare hex (32
 * digits: MD5, as buildout's {@code md5sum}; 64: SHA-256; 128: SHA-512). Hex is compared in lower
 * case.
 */
record Checksum(String algorithm, String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

  /** The fragment of a {@code url#md5} reference, as SlapOS patch lists write it. */
  static final Pattern MD5_FRAGMENT = Pattern.compile("[0-9a-fA-F]{32}");

  /**
   * Parses {@code text} (already stripped, not empty) given for {@code url}.
   *
   * @throws RecipeException if it is not a checksum this service knows
   */
  static Checksum parse(String text, String url) {
    int colon = text.indexOf(':');
    String algorithm;
    String hex;
    if (colon < 0) {
      hex = text;
      algorithm =
          switch (text.length()) {
            case 64 -> "sha256";
            case 128 -> "sha512";
            default -> "md5";
          };
    } else {
      algorithm = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      hex = text.substring(colon + 1).strip();
    }
    int length =
        switch (algorithm) {
          case "md5" -> 32;
          case "sha256" -> 64;
          case "sha512" -> 128;
          default -> -1;
        };
    if (length < 0 || hex.length() != length || !HEX.matcher(hex).matches()) {
      throw new RecipeException(
          "Invalid checksum '"
              + text
              + "' for "
              + url
              + ": expected md5:HEX (32 digits), sha256:HEX (64), sha512:HEX (128) or a bare MD5");
    }
    return new Checksum(algorithm, hex.toLowerCase(Locale.ROOT));
  }

  /** A fresh digest of this checksum's algorithm. */
  MessageDigest newDigest() {
    String name =
        switch (algorithm) {
          case "md5" -> "MD5";
          case "sha256" -> "SHA-256";
          default -> "SHA-512";
        };
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(name + " is required of every JVM", e);
    }
  }

  /** This algorithm's value for a finished digest. */
  Checksum actual(MessageDigest digest) {
    return new Checksum(algorithm, HexFormat.of().formatHex(digest.digest()));
  }

  /** This algorithm's value for the file at {@code path}. */
  Checksum of(Path path) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(path)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return actual(digest);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}

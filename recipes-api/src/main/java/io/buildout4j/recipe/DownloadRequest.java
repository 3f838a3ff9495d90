package io.buildout4j.recipe;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One file to download.
 *
 * @param url a path, {@code file:} or {@code http(s)://} URL; a {@code #md5} suffix is a checksum
 * @param checksum {@code ALGORITHM:HEX} ({@code md5}, {@code sha256}, {@code sha512}), or a bare
 *     MD5 hex digest, or null for no check
 * @param alternateUrl tried when {@code url} cannot be fetched, or null
 */
public record DownloadRequest(
    String url, @Nullable String checksum, @Nullable String alternateUrl) {
  /** Checks that the URL is given. */
  public DownloadRequest {
    Objects.requireNonNull(url, "url");
  }

  /** A request for {@code url} without a checksum or alternate. */
  public static DownloadRequest of(String url) {
    return new DownloadRequest(url, null, null);
  }

  /** This request with a checksum. */
  public DownloadRequest withChecksum(@Nullable String checksum) {
    return new DownloadRequest(url, checksum, alternateUrl);
  }
}

package io.buildout4j.recipe;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One file to download.
 *
 * @param url a path (relative to the buildout directory), {@code file:} or {@code http(s)://} URL;
 *     a {@code #MD5} suffix (32 hex digits, as SlapOS patch lists write) is a checksum, and is not
 *     part of the URL
 * @param checksum {@code ALGORITHM:HEX} ({@code md5}, {@code sha256}, {@code sha512}), or a bare
 *     MD5 hex digest, or null (or blank) for no check
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

  /**
   * This request with an alternate URL, tried when {@code url} cannot be fetched (missing, an HTTP
   * error, no connection, offline and not cached), but not when its checksum does not match.
   */
  public DownloadRequest withAlternateUrl(@Nullable String alternateUrl) {
    return new DownloadRequest(url, checksum, alternateUrl);
  }
}

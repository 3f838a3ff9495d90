package io.buildout4j.download;

/**
 * Hears the progress of downloads: the engine forwards it to {@code
 * BuildListener.downloadProgress}. Called from the downloading thread, at most every 100 ms or
 * every MiB per download, and once more when the download is complete ({@code bytes == totalBytes}
 * when the size was announced); it must be thread-safe and quick, and must not throw.
 */
@FunctionalInterface
public interface DownloadListener {
  /** A listener that ignores everything. */
  DownloadListener NONE = (part, url, bytes, totalBytes) -> {};

  /**
   * {@code bytes} of {@code url} have been received.
   *
   * @param part the part that asked for the download, or the empty string when the service was used
   *     directly rather than through {@link DownloadService#forPart(String)}
   * @param totalBytes the size the server announced, or -1 if unknown
   */
  void progress(String part, String url, long bytes, long totalBytes);
}

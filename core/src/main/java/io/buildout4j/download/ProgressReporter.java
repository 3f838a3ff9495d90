package io.buildout4j.download;

/**
 * Throttles one download's progress: an event at most every 100 ms or every MiB, and a final one.
 * Used by one thread at a time.
 */
final class ProgressReporter {
  static final long INTERVAL_NANOS = 100_000_000L;
  static final long STEP_BYTES = 1L << 20;

  private final DownloadListener listener;
  private final String part;
  private final String url;
  private long lastNanos = System.nanoTime();
  private long lastBytes;
  private long totalBytes = -1;
  private boolean emitted;

  ProgressReporter(DownloadListener listener, String part, String url) {
    this.listener = listener;
    this.part = part;
    this.url = url;
  }

  void total(long totalBytes) {
    this.totalBytes = totalBytes;
  }

  void update(long bytes) {
    long now = System.nanoTime();
    if (now - lastNanos >= INTERVAL_NANOS || bytes - lastBytes >= STEP_BYTES) {
      emit(now, bytes);
    }
  }

  /** The download is complete: a final event, unless the last one already said as much. */
  void done(long bytes) {
    if (!emitted || lastBytes != bytes) {
      emit(System.nanoTime(), bytes);
    }
  }

  private void emit(long now, long bytes) {
    lastNanos = now;
    lastBytes = bytes;
    emitted = true;
    try {
      listener.progress(part, url, bytes, totalBytes);
    } catch (RuntimeException e) {
      // A listener must not throw; a broken display must not break the download.
    }
  }
}

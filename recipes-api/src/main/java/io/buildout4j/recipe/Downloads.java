package io.buildout4j.recipe;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Fetches files for recipes: plain paths, {@code file:} and {@code http(s)://} URLs, through the
 * buildout's {@code download-cache}, verifying checksums. Obtained from {@link Part#downloads()};
 * safe to use from any thread. Progress is reported through the engine's events.
 */
public interface Downloads {
  /**
   * Fetches {@code request.url()} (or its alternate URL) and returns a local file that the caller
   * may read but must not change or delete: a local file itself (paths and {@code file:} URLs are
   * verified and used in place), the copy in the download cache, or, without a cache, a copy that
   * stays valid until the end of the run (copy it elsewhere to keep it). Offline, only local files
   * and the cache are used.
   *
   * @throws RecipeException if the file cannot be fetched (naming the URL), or its checksum does
   *     not match (showing both values; nothing is kept)
   * @throws IOException on a local I/O failure
   */
  Path download(DownloadRequest request) throws IOException;
}

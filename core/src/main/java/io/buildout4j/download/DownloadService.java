package io.buildout4j.download;

import io.buildout4j.recipe.DownloadRequest;
import io.buildout4j.recipe.Downloads;
import io.buildout4j.recipe.RecipeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The download service: fetches plain paths, {@code file:} and {@code http(s)://} URLs for recipes,
 * through a shared download cache, verifying checksums.
 *
 * <ul>
 *   <li><b>Local files</b> (a path, relative to the buildout directory, or a {@code file:} URL) are
 *       verified and returned in place, never copied; offline too.
 *   <li><b>With a cache</b> ({@code [buildout] download-cache}), a URL is stored as {@code
 *       CACHE/buildout4j/HH/SHA256-BASENAME}, where {@code SHA256} is the hex SHA-256 of the URL
 *       (without its {@code #md5} suffix), {@code HH} its first two digits and {@code BASENAME} the
 *       last segment of the URL's path, made safe. A cached file is used without asking the server.
 *       It is written atomically: downloaded to {@code .SHA256-BASENAME.RANDOM.part} in the same
 *       directory, verified, then renamed, so a half-downloaded file never has its final name, and
 *       concurrent downloads of one URL (parallel parts, other buildouts sharing the cache) each
 *       rename a complete file of their own over it: the last wins.
 *   <li><b>Without a cache</b>, downloads go to {@code .buildout4j/downloads/run-XXXX/} in the
 *       buildout directory (same layout, without {@code HH}), which {@link #close()} deletes at the
 *       end of the run; within a run a URL is downloaded once.
 *   <li><b>Checksums</b>: {@code md5:HEX}, {@code sha256:HEX}, {@code sha512:HEX}, or bare hex
 *       (MD5, or SHA-256/SHA-512 by length); a {@code URL#MD5} suffix is one too. A mismatch is a
 *       {@link RecipeException} showing the algorithm, both values, the URL and the local path, and
 *       nothing is kept. A cached copy that does not match is removed and downloaded again once;
 *       offline it is refused (and left alone: the profile's checksum may be the wrong one).
 *   <li><b>Offline</b>, only local files and the cache are used; a URL not in the cache is a {@link
 *       RecipeException} naming it.
 *   <li><b>Alternate URL</b>: tried when the main one cannot be fetched (no such file, an HTTP
 *       error, no connection, a timeout, offline and not cached), but not when it was fetched and
 *       its checksum does not match: wrong content is reported, never papered over. What the
 *       alternate gives is cached under the main URL.
 * </ul>
 *
 * <p>Created by the engine once per run, with the run's listener, and closed at its end; {@link
 * #forPart(String)} gives each part a view that reports progress under its name. Embedders and
 * tests build one with {@link #builder(Path)}. Thread-safe.
 */
public final class DownloadService implements Downloads, AutoCloseable {
  /** The default connect and idle timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final String CACHE_NAMESPACE = "buildout4j";
  private static final Duration STALE_PART_FILE = Duration.ofDays(1);

  private final Path directory;
  private final @Nullable Path cache;
  private final boolean offline;
  private final DownloadListener listener;
  private final TemporaryArea temporary;
  private final HttpFetcher http;
  private final ConcurrentHashMap<Path, Object> locks = new ConcurrentHashMap<>();

  private DownloadService(Builder builder) {
    this.directory = builder.directory;
    this.cache = builder.cache;
    this.offline = builder.offline;
    this.listener = builder.listener;
    this.temporary =
        new TemporaryArea(
            builder.temporaryDirectory != null
                ? builder.temporaryDirectory
                : directory.resolve(".buildout4j").resolve("downloads"));
    this.http = new HttpFetcher(builder.timeout);
  }

  /**
   * Starts configuring a service for the buildout in {@code directory} (absolute), which relative
   * paths are resolved against.
   */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /** A view of this service whose progress events name {@code part}. */
  public Downloads forPart(String part) {
    Objects.requireNonNull(part, "part");
    return request -> download(request, part);
  }

  /** Downloads for nobody in particular: progress events have an empty part name. */
  @Override
  public Path download(DownloadRequest request) {
    return download(request, "");
  }

  /**
   * Fetches {@code request} (see the class description) and returns the local file: the file itself
   * for a local one, the cached copy, or a copy in the run's temporary area, valid until {@link
   * #close()}. The caller must not change or delete it.
   *
   * @param part who asks, named in progress events
   * @throws RecipeException if the file cannot be fetched (naming the URL, and its alternate), its
   *     checksum does not match, or the cache or temporary area cannot be written
   */
  public Path download(DownloadRequest request, String part) {
    String url = request.url().strip();
    Checksum checksum = null;
    int hash = url.lastIndexOf('#');
    if (hash >= 0 && Checksum.MD5_FRAGMENT.matcher(url.substring(hash + 1)).matches()) {
      checksum = Checksum.parse(url.substring(hash + 1), url);
      url = url.substring(0, hash);
    }
    String given = request.checksum() == null ? "" : request.checksum().strip();
    if (!given.isEmpty()) {
      Checksum explicit = Checksum.parse(given, url);
      if (checksum != null && !checksum.equals(explicit)) {
        throw new RecipeException(
            "Conflicting checksums for "
                + url
                + ": "
                + checksum
                + " in the URL, "
                + explicit
                + " given");
      }
      checksum = explicit;
    }
    if (url.isEmpty()) {
      throw new RecipeException("Cannot download an empty URL");
    }
    Location main = Location.parse(url, directory);
    String alternateUrl = request.alternateUrl() == null ? "" : request.alternateUrl().strip();
    try {
      return fetch(main, main, checksum, part);
    } catch (Unavailable failure) {
      if (alternateUrl.isEmpty()) {
        throw new RecipeException(failure.getMessage(), failure.getCause());
      }
      int altHash = alternateUrl.lastIndexOf('#');
      if (altHash >= 0
          && Checksum.MD5_FRAGMENT.matcher(alternateUrl.substring(altHash + 1)).matches()) {
        Checksum fragment = Checksum.parse(alternateUrl.substring(altHash + 1), alternateUrl);
        alternateUrl = alternateUrl.substring(0, altHash);
        if (checksum == null) {
          checksum = fragment;
        } else if (!checksum.equals(fragment)) {
          throw new RecipeException(
              "Conflicting checksums for "
                  + url
                  + " ("
                  + checksum
                  + ") and its alternate "
                  + alternateUrl
                  + " ("
                  + fragment
                  + ")");
        }
      }
      Location alternate = Location.parse(alternateUrl, directory);
      try {
        return fetch(alternate, main.remote() ? main : alternate, checksum, part);
      } catch (Unavailable second) {
        throw new RecipeException(
            failure.getMessage() + "; and its alternate: " + second.getMessage(),
            second.getCause());
      }
    }
  }

  /**
   * Where {@code url} is, or would be, cached; null without a cache or for a local file. For tests
   * and tools that inspect the cache.
   */
  public @Nullable Path cachedFile(String url) {
    Location location = Location.parse(url.strip(), directory);
    return cache == null || !location.remote() ? null : cacheEntry(location);
  }

  /** Deletes the run's temporary area; files returned from it are gone afterwards. */
  @Override
  public void close() {
    try {
      temporary.close();
    } catch (IOException e) {
      // best effort: the next run sweeps what is left
    }
  }

  private Path fetch(Location location, Location key, @Nullable Checksum checksum, String part)
      throws Unavailable {
    if (!location.remote()) {
      return local(location, checksum);
    }
    Path target;
    Path other;
    if (cache != null) {
      target = cacheEntry(key);
      other = key == location ? null : cacheEntry(location);
    } else if (offline) {
      throw new Unavailable(
          "Couldn't download '" + location.url() + "' in offline mode (no download-cache is set)");
    } else {
      target = temporaryEntry(key);
      other = null;
    }
    synchronized (locks.computeIfAbsent(target, t -> new Object())) {
      return remote(location, checksum, part, target, other);
    }
  }

  private Path local(Location location, @Nullable Checksum checksum) throws Unavailable {
    Path file = Objects.requireNonNull(location.file());
    if (!Files.isRegularFile(file)) {
      throw new Unavailable(
          "Cannot download "
              + location.url()
              + ": "
              + (Files.exists(file) ? file + " is not a file" : "no such file " + file));
    }
    if (checksum != null) {
      Checksum actual = digest(checksum, file);
      if (!actual.equals(checksum)) {
        throw mismatch(location.url(), checksum, actual, "local file " + file);
      }
    }
    return file;
  }

  private Path remote(
      Location location,
      @Nullable Checksum checksum,
      String part,
      Path target,
      @Nullable Path other)
      throws Unavailable {
    Path corrupt = null;
    for (Path candidate : other == null ? new Path[] {target} : new Path[] {target, other}) {
      if (!Files.isRegularFile(candidate)) {
        continue;
      }
      if (checksum == null) {
        return candidate;
      }
      Checksum actual = digest(checksum, candidate);
      if (actual.equals(checksum)) {
        removeCorrupt(corrupt, location);
        return candidate;
      }
      if (offline) {
        throw mismatch(
            location.url(),
            checksum,
            actual,
            "cached copy "
                + candidate
                + "; offline, so it was not downloaded again and was left in place");
      }
      if (corrupt == null) {
        corrupt = candidate;
      }
    }
    if (offline) {
      throw new Unavailable(
          "Couldn't download '"
              + location.url()
              + "' in offline mode (it is not in the download cache "
              + cache
              + ")");
    }
    String replaced =
        corrupt == null ? "" : "; the cached copy " + corrupt + " did not match either: removed";
    Path result = null;
    try {
      result = downloadTo(location, checksum, part, target, replaced);
      return result;
    } finally {
      if (corrupt != null && !corrupt.equals(result)) {
        removeCorrupt(corrupt, location);
      }
    }
  }

  private static void removeCorrupt(@Nullable Path corrupt, Location location) {
    if (corrupt == null) {
      return;
    }
    try {
      Files.deleteIfExists(corrupt);
    } catch (IOException e) {
      throw new RecipeException(
          "Cannot remove the corrupt cached copy " + corrupt + " of " + location.url(), e);
    }
  }

  private Path downloadTo(
      Location location, @Nullable Checksum checksum, String part, Path target, String replaced)
      throws Unavailable {
    Path folder = target.getParent();
    Path temp =
        folder.resolve(
            "."
                + target.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".part");
    try {
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new RecipeException(
            "Cannot create the download directory " + folder + ": " + e.getMessage(), e);
      }
      if (cache != null) {
        sweepStaleParts(folder);
      }
      MessageDigest digest = checksum == null ? null : checksum.newDigest();
      ProgressReporter progress = new ProgressReporter(listener, part, location.url());
      try {
        http.fetch(Objects.requireNonNull(location.uri()), location.url(), temp, digest, progress);
      } catch (IOException e) {
        throw new RecipeException(
            "Cannot write " + temp + " while downloading " + location.url() + ": " + e, e);
      }
      if (checksum != null) {
        Checksum actual = checksum.actual(Objects.requireNonNull(digest));
        if (!actual.equals(checksum)) {
          throw mismatch(
              location.url(),
              checksum,
              actual,
              "downloaded to " + temp + ", which was deleted: nothing was kept" + replaced);
        }
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new RecipeException(
            "Cannot store the download of " + location.url() + " as " + target + ": " + e, e);
      }
      return target;
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // a stale .part file; swept later
      }
    }
  }

  /** Removes {@code .part} files that downloads killed long ago left in a cache directory. */
  private static void sweepStaleParts(Path folder) {
    FileTime before = FileTime.from(Instant.now().minus(STALE_PART_FILE));
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, ".*.part")) {
      for (Path stale : parts) {
        try {
          if (Files.getLastModifiedTime(stale).compareTo(before) < 0) {
            Files.deleteIfExists(stale);
          }
        } catch (IOException e) {
          // another process's, or gone: leave it
        }
      }
    } catch (IOException e) {
      // best effort
    }
  }

  private Path cacheEntry(Location location) {
    String hash = sha256(location.url());
    return Objects.requireNonNull(cache)
        .resolve(CACHE_NAMESPACE)
        .resolve(hash.substring(0, 2))
        .resolve(hash + "-" + location.basename());
  }

  private Path temporaryEntry(Location location) {
    try {
      return temporary.directory().resolve(sha256(location.url()) + "-" + location.basename());
    } catch (IOException e) {
      throw new RecipeException(
          "Cannot create a temporary download directory under "
              + directory.resolve(".buildout4j")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static Checksum digest(Checksum checksum, Path file) {
    try {
      return checksum.of(file);
    } catch (IOException e) {
      throw new RecipeException("Cannot read " + file + " to check its checksum: " + e, e);
    }
  }

  private static RecipeException mismatch(
      String url, Checksum expected, Checksum actual, String where) {
    return new RecipeException(
        "Checksum mismatch for "
            + url
            + ": expected "
            + expected
            + ", got "
            + actual
            + " ("
            + where
            + ")");
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Configures a {@link DownloadService}; obtained from {@link DownloadService#builder(Path)}. */
  public static final class Builder {
    private final Path directory;
    private @Nullable Path cache;
    private boolean offline;
    private Duration timeout = DEFAULT_TIMEOUT;
    private DownloadListener listener = DownloadListener.NONE;
    private @Nullable Path temporaryDirectory;

    private Builder(Path directory) {
      Objects.requireNonNull(directory, "directory");
      if (!directory.isAbsolute()) {
        throw new IllegalArgumentException("the buildout directory must be absolute: " + directory);
      }
      this.directory = directory.normalize();
    }

    /**
     * The shared download cache, absolute (default: none, downloads are kept for the run only). It
     * is created if missing.
     */
    public Builder cache(@Nullable Path cache) {
      if (cache != null && !cache.isAbsolute()) {
        throw new IllegalArgumentException("the download cache must be absolute: " + cache);
      }
      this.cache = cache == null ? null : cache.normalize();
      return this;
    }

    /** Whether to use the network (default false): offline, only the cache and local files. */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    /**
     * How long to wait for a connection, and for the next bytes of a response, before giving up
     * (default {@link #DEFAULT_TIMEOUT}).
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Who hears progress (default: nobody). */
    public Builder listener(DownloadListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Where the run's temporary area is created when there is no cache (default {@code
     * .buildout4j/downloads} in the buildout directory).
     */
    public Builder temporaryDirectory(Path parent) {
      Objects.requireNonNull(parent, "parent");
      if (!parent.isAbsolute()) {
        throw new IllegalArgumentException("the temporary directory must be absolute: " + parent);
      }
      this.temporaryDirectory = parent;
      return this;
    }

    /** The configured service; close it at the end of the run. */
    public DownloadService build() {
      return new DownloadService(this);
    }
  }
}

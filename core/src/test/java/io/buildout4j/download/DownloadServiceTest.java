package io.buildout4j.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.recipe.DownloadRequest;
import io.buildout4j.recipe.RecipeException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download service against real files and an HTTP server on 127.0.0.1. */
class DownloadServiceTest {
  private static final byte[] GOOD = "the good file\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path directory;
  @TempDir Path cache;
  TestServer server;
  final List<String> progress = new CopyOnWriteArrayList<>();
  final List<DownloadService> services = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    services.forEach(DownloadService::close);
    server.close();
  }

  DownloadService.Builder builder() {
    return DownloadService.builder(directory)
        .listener(
            (part, url, bytes, total) ->
                progress.add(part + " " + url + " " + bytes + "/" + total));
  }

  DownloadService service(DownloadService.Builder builder) {
    DownloadService service = builder.build();
    services.add(service);
    return service;
  }

  DownloadService cached() {
    return service(builder().cache(cache));
  }

  DownloadService offline() {
    return service(builder().cache(cache).offline(true));
  }

  static String digest(String algorithm, byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
  }

  static String md5(byte[] content) throws Exception {
    return digest("MD5", content);
  }

  static String sha256(byte[] content) throws Exception {
    return digest("SHA-256", content);
  }

  List<Path> filesUnder(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  // --- remote files and the cache

  @Test
  void goodFileIsStoredInTheCacheUnderAHashedName() throws Exception {
    server.file("/dist/good.tar.gz", GOOD);
    String url = server.url("/dist/good.tar.gz");
    DownloadService service = cached();

    Path file =
        service.download(DownloadRequest.of(url).withChecksum("sha256:" + sha256(GOOD)), "p");

    assertArrayEquals(GOOD, Files.readAllBytes(file));
    String hash = DownloadService.sha256(url);
    assertEquals(
        cache.resolve("buildout4j").resolve(hash.substring(0, 2)).resolve(hash + "-good.tar.gz"),
        file);
    assertEquals(file, service.cachedFile(url));
    assertEquals(List.of(file), filesUnder(cache), "no temporary file is left");
    assertTrue(progress.get(progress.size() - 1).equals("p " + url + " 14/14"), progress::toString);
  }

  @Test
  void cacheHitIsServedWithoutARequest() throws Exception {
    server.file("/a.txt", GOOD);
    String url = server.url("/a.txt");
    Path first = cached().download(DownloadRequest.of(url).withChecksum(md5(GOOD)));
    Path second = cached().download(DownloadRequest.of(url).withChecksum(md5(GOOD)));
    Path third = cached().download(DownloadRequest.of(url));
    assertEquals(first, second);
    assertEquals(first, third);
    assertEquals(1, server.requests("/a.txt"));
  }

  @Test
  void sameBasenameFromTwoUrlsDoesNotCollide() throws Exception {
    byte[] other = "another file\n".getBytes(StandardCharsets.UTF_8);
    server.file("/v1/pkg.tar.gz", GOOD).file("/v2/pkg.tar.gz", other);
    DownloadService service = cached();
    Path one = service.download(DownloadRequest.of(server.url("/v1/pkg.tar.gz")));
    Path two = service.download(DownloadRequest.of(server.url("/v2/pkg.tar.gz")));
    assertArrayEquals(GOOD, Files.readAllBytes(one));
    assertArrayEquals(other, Files.readAllBytes(two));
  }

  @Test
  void withoutACacheDownloadsLiveInTheRunsTemporaryAreaUntilClose() throws Exception {
    server.file("/a.txt", GOOD);
    String url = server.url("/a.txt");
    DownloadService service = service(builder());
    Path file = service.download(DownloadRequest.of(url));
    Path again = service.download(DownloadRequest.of(url).withChecksum(md5(GOOD)));

    assertEquals(file, again);
    assertEquals(1, server.requests("/a.txt"), "downloaded once per run");
    assertArrayEquals(GOOD, Files.readAllBytes(file));
    Path area = directory.resolve(".buildout4j/downloads");
    assertTrue(file.startsWith(area), file::toString);
    service.close();
    assertFalse(Files.exists(file));
    assertFalse(Files.exists(area), "the empty parent is removed too");
  }

  @Test
  void temporaryAreaOfADeadRunIsSweptByTheNextOne() throws Exception {
    Path area = directory.resolve(".buildout4j/downloads");
    Path dead = Files.createDirectories(area.resolve("run-123"));
    Files.writeString(dead.resolve(".lock"), "");
    Files.writeString(dead.resolve("left-over"), "x");
    Files.setLastModifiedTime(
        dead, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    server.file("/a.txt", GOOD);
    DownloadService live = service(builder());
    live.download(DownloadRequest.of(server.url("/a.txt")));
    assertFalse(Files.exists(dead));
    DownloadService other = service(builder());
    server.file("/b.txt", GOOD);
    Path b = other.download(DownloadRequest.of(server.url("/b.txt")));
    assertTrue(Files.exists(b));
    assertEquals(2, filesUnder(area).stream().filter(p -> p.endsWith(".lock")).count());
  }

  @Test
  void redirectsAreFollowed() throws Exception {
    server.file("/real.txt", GOOD).redirect("/moved.txt", server.url("/real.txt"));
    Path file = cached().download(DownloadRequest.of(server.url("/moved.txt")));
    assertArrayEquals(GOOD, Files.readAllBytes(file));
  }

  // --- checksums

  @Test
  void corruptFileIsRefusedWithBothValuesAndNothingIsKept() throws Exception {
    byte[] corrupt = "the good fil3\n".getBytes(StandardCharsets.UTF_8);
    server.file("/good.tgz", corrupt);
    String url = server.url("/good.tgz");
    RecipeException e =
        assertThrows(
            RecipeException.class,
            () -> cached().download(DownloadRequest.of(url).withChecksum("md5:" + md5(GOOD))));
    assertTrue(e.getMessage().contains("Checksum mismatch for " + url), e.getMessage());
    assertTrue(e.getMessage().contains("expected md5:" + md5(GOOD)), e.getMessage());
    assertTrue(e.getMessage().contains("got md5:" + md5(corrupt)), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was kept"), e.getMessage());
    assertEquals(List.of(), filesUnder(cache));
  }

  @Test
  void corruptFileWithoutACacheLeavesNothingEither() throws Exception {
    server.file("/good.tgz", "bad".getBytes(StandardCharsets.UTF_8));
    DownloadService service = service(builder());
    assertThrows(
        RecipeException.class,
        () ->
            service.download(DownloadRequest.of(server.url("/good.tgz")).withChecksum(md5(GOOD))));
    assertEquals(
        List.of(),
        filesUnder(directory).stream().filter(p -> !p.endsWith(".lock")).toList(),
        "only the run's lock file");
  }

  @Test
  void corruptCachedCopyIsRemovedAndDownloadedAgainOnce() throws Exception {
    server.file("/a.txt", GOOD);
    String url = server.url("/a.txt");
    DownloadService service = cached();
    Path entry = service.cachedFile(url);
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "tampered");

    Path file = service.download(DownloadRequest.of(url).withChecksum(md5(GOOD)));

    assertEquals(entry, file);
    assertArrayEquals(GOOD, Files.readAllBytes(file));
    assertEquals(1, server.requests("/a.txt"));
  }

  @Test
  void corruptCachedCopyWhoseDownloadIsCorruptTooIsRefusedAndRemoved() throws Exception {
    server.file("/a.txt", "also wrong".getBytes(StandardCharsets.UTF_8));
    String url = server.url("/a.txt");
    DownloadService service = cached();
    Path entry = service.cachedFile(url);
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "tampered");
    RecipeException e =
        assertThrows(
            RecipeException.class,
            () -> service.download(DownloadRequest.of(url).withChecksum(md5(GOOD))));
    assertTrue(
        e.getMessage().contains("the cached copy " + entry + " did not match either: removed"),
        e.getMessage());
    assertEquals(1, server.requests("/a.txt"), "downloaded again once");
    assertEquals(List.of(), filesUnder(cache));
  }

  @Test
  void corruptCachedCopyOfflineIsRefusedAndLeftAlone() throws Exception {
    String url = server.url("/a.txt");
    DownloadService service = offline();
    Path entry = service.cachedFile(url);
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "tampered");
    RecipeException e =
        assertThrows(
            RecipeException.class,
            () -> service.download(DownloadRequest.of(url).withChecksum(md5(GOOD))));
    assertTrue(e.getMessage().contains("expected md5:" + md5(GOOD)), e.getMessage());
    assertTrue(
        e.getMessage().contains("got md5:" + md5("tampered".getBytes(StandardCharsets.UTF_8))),
        e.getMessage());
    assertTrue(e.getMessage().contains(entry.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("offline"), e.getMessage());
    assertTrue(Files.exists(entry));
    assertEquals(0, server.requests("/a.txt"));
  }

  @Test
  void md5SuffixOfTheUrlIsAChecksumAndNotPartOfTheUrl() throws Exception {
    server.file("/fix.patch", GOOD);
    String url = server.url("/fix.patch");
    DownloadService service = cached();

    Path file = service.download(DownloadRequest.of(url + "#" + md5(GOOD).toUpperCase()));
    assertEquals(service.cachedFile(url), file, "cached under the URL without the suffix");
    assertEquals(1, server.requests("/fix.patch"));

    String wrong = "0123456789abcdef0123456789abcdef";
    RecipeException e =
        assertThrows(
            RecipeException.class, () -> service.download(DownloadRequest.of(url + "#" + wrong)));
    assertTrue(e.getMessage().contains("expected md5:" + wrong), e.getMessage());
    assertTrue(e.getMessage().contains("got md5:" + md5(GOOD)), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), "the cached copy is named");
    assertFalse(Files.exists(file), "removed, as it does not match");
    assertEquals(2, server.requests("/fix.patch"), "downloaded again once");

    RecipeException conflict =
        assertThrows(
            RecipeException.class,
            () -> service.download(DownloadRequest.of(url + "#" + wrong).withChecksum(md5(GOOD))));
    assertTrue(conflict.getMessage().contains("Conflicting checksums"), conflict.getMessage());
  }

  @Test
  void sha256AndSha512AreVerified() throws Exception {
    server.file("/a.bin", GOOD);
    String url = server.url("/a.bin");
    DownloadService service = cached();
    String sha512 = digest("SHA-512", GOOD);
    assertNotNull(service.download(DownloadRequest.of(url).withChecksum("sha256:" + sha256(GOOD))));
    assertNotNull(service.download(DownloadRequest.of(url).withChecksum("SHA512:" + sha512)));
    assertNotNull(
        service.download(DownloadRequest.of(url).withChecksum(sha512)), "bare, by length");

    String zeros = "0".repeat(128);
    RecipeException e =
        assertThrows(
            RecipeException.class,
            () -> service.download(DownloadRequest.of(url).withChecksum("sha512:" + zeros)));
    assertTrue(e.getMessage().contains("expected sha512:" + zeros), e.getMessage());
    assertTrue(e.getMessage().contains("got sha512:" + sha512), e.getMessage());

    RecipeException bad =
        assertThrows(
            RecipeException.class,
            () -> service.download(DownloadRequest.of(url).withChecksum("sha1:abc")));
    assertTrue(bad.getMessage().contains("Invalid checksum 'sha1:abc' for " + url));
  }

  // --- failures and the alternate URL

  @Test
  void missingFileIsAnErrorNamingTheUrlAndStatus() {
    String url = server.url("/nowhere.tgz");
    RecipeException e =
        assertThrows(RecipeException.class, () -> cached().download(DownloadRequest.of(url)));
    assertEquals("Cannot download " + url + ": HTTP status 404", e.getMessage());
  }

  @Test
  void serverErrorNamesTheStatus() {
    server.status("/broken", 503);
    String url = server.url("/broken");
    RecipeException e =
        assertThrows(RecipeException.class, () -> cached().download(DownloadRequest.of(url)));
    assertEquals("Cannot download " + url + ": HTTP status 503", e.getMessage());
  }

  @Test
  void connectionRefusedNamesTheUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/a.txt";
    RecipeException e =
        assertThrows(RecipeException.class, () -> cached().download(DownloadRequest.of(url)));
    assertTrue(e.getMessage().startsWith("Cannot download " + url + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
  }

  @Test
  void alternateUrlIsUsedWhenTheMainOneIsMissingAndCachedUnderTheMain() throws Exception {
    server.file("/mirror/a.tgz", GOOD);
    String main = server.url("/gone/a.tgz");
    String mirror = server.url("/mirror/a.tgz");
    DownloadService service = cached();

    Path file =
        service.download(DownloadRequest.of(main).withChecksum(md5(GOOD)).withAlternateUrl(mirror));

    assertArrayEquals(GOOD, Files.readAllBytes(file));
    assertEquals(service.cachedFile(main), file);
    assertEquals(1, server.requests("/gone/a.tgz"));
    assertEquals(1, server.requests("/mirror/a.tgz"));
    Path offline = offline().download(DownloadRequest.of(main).withChecksum(md5(GOOD)));
    assertEquals(file, offline);
  }

  @Test
  void alternateUrlIsNotTriedWhenTheMainOneHasTheWrongContent() throws Exception {
    server.file("/main/a.tgz", "wrong".getBytes(StandardCharsets.UTF_8));
    server.file("/mirror/a.tgz", GOOD);
    DownloadRequest request =
        DownloadRequest.of(server.url("/main/a.tgz"))
            .withChecksum(md5(GOOD))
            .withAlternateUrl(server.url("/mirror/a.tgz"));
    RecipeException e = assertThrows(RecipeException.class, () -> cached().download(request));
    assertTrue(e.getMessage().startsWith("Checksum mismatch"), e.getMessage());
    assertEquals(0, server.requests("/mirror/a.tgz"));
  }

  @Test
  void whenBothFailBothAreNamed() {
    String main = server.url("/gone/a.tgz");
    String mirror = server.url("/also-gone/a.tgz");
    RecipeException e =
        assertThrows(
            RecipeException.class,
            () -> cached().download(DownloadRequest.of(main).withAlternateUrl(mirror)));
    assertEquals(
        "Cannot download "
            + main
            + ": HTTP status 404; and its alternate: Cannot download "
            + mirror
            + ": HTTP status 404",
        e.getMessage());
  }

  // --- offline

  @Test
  void offlineServesFromTheCache() throws Exception {
    server.file("/a.txt", GOOD);
    String url = server.url("/a.txt");
    Path online = cached().download(DownloadRequest.of(url));
    Path offline = offline().download(DownloadRequest.of(url).withChecksum(md5(GOOD)));
    assertEquals(online, offline);
    assertEquals(1, server.requests("/a.txt"));
  }

  @Test
  void offlineWithoutTheFileCachedNamesTheUrl() {
    server.file("/a.txt", GOOD);
    String url = server.url("/a.txt");
    RecipeException e =
        assertThrows(RecipeException.class, () -> offline().download(DownloadRequest.of(url)));
    assertEquals(
        "Couldn't download '"
            + url
            + "' in offline mode (it is not in the download cache "
            + cache
            + ")",
        e.getMessage());
    RecipeException none =
        assertThrows(
            RecipeException.class,
            () -> service(builder().offline(true)).download(DownloadRequest.of(url)));
    assertEquals(
        "Couldn't download '" + url + "' in offline mode (no download-cache is set)",
        none.getMessage());
    assertEquals(0, server.requests("/a.txt"));
  }

  @Test
  void offlineFallsBackToALocalAlternate() throws Exception {
    Files.write(directory.resolve("a.txt"), GOOD);
    Path file =
        offline().download(DownloadRequest.of(server.url("/a.txt")).withAlternateUrl("a.txt"));
    assertEquals(directory.resolve("a.txt"), file);
  }

  // --- local files

  @Test
  void plainPathsAreRelativeToTheBuildoutDirectoryAndUsedInPlace() throws Exception {
    Path patch = Files.createDirectories(directory.resolve("patches")).resolve("fix.patch");
    Files.write(patch, GOOD);
    DownloadService service = cached();

    assertEquals(patch, service.download(DownloadRequest.of("patches/fix.patch")));
    assertEquals(
        patch, service.download(DownloadRequest.of(patch.toString()).withChecksum(md5(GOOD))));
    assertEquals(patch, service.download(DownloadRequest.of("patches/fix.patch#" + md5(GOOD))));
    assertEquals(patch, offline().download(DownloadRequest.of("patches/fix.patch")));
    assertEquals(List.of(), filesUnder(cache), "local files are not copied to the cache");

    String zeros = "0".repeat(32);
    RecipeException e =
        assertThrows(
            RecipeException.class,
            () -> service.download(DownloadRequest.of("patches/fix.patch#" + zeros)));
    assertEquals(
        "Checksum mismatch for patches/fix.patch: expected md5:"
            + zeros
            + ", got md5:"
            + md5(GOOD)
            + " (local file "
            + patch
            + ")",
        e.getMessage());
    assertTrue(Files.exists(patch), "a local file is never deleted");
  }

  @Test
  void fileUrlsAreUsedInPlace() throws Exception {
    Path dir = Files.createDirectories(directory.resolve("with space"));
    Path file = Files.write(dir.resolve("a.txt"), GOOD);
    DownloadService service = cached();
    assertEquals(file, service.download(DownloadRequest.of(file.toUri().toString())));
    assertEquals(file, service.download(DownloadRequest.of("file://" + file)));
    assertEquals(
        file,
        service.download(
            DownloadRequest.of("file:" + file).withChecksum("sha256:" + sha256(GOOD))));
  }

  @Test
  void missingLocalFileIsNamed() {
    RecipeException e =
        assertThrows(
            RecipeException.class, () -> cached().download(DownloadRequest.of("nope.tgz")));
    assertEquals(
        "Cannot download nope.tgz: no such file " + directory.resolve("nope.tgz"), e.getMessage());
    RecipeException scheme =
        assertThrows(
            RecipeException.class, () -> cached().download(DownloadRequest.of("ftp://x/y.tgz")));
    assertTrue(scheme.getMessage().contains("ftp://x/y.tgz"), scheme.getMessage());
  }

  // --- slow servers, progress, timeouts

  @Test
  void slowDownloadReportsThrottledProgressAndAFinalEvent() throws Exception {
    byte[] content = new byte[40 * 1024];
    new Random(1).nextBytes(content);
    server.trickle("/slow.bin", content, 1024, 25);
    String url = server.url("/slow.bin");

    Path file = cached().download(DownloadRequest.of(url), "slow-part");

    assertArrayEquals(content, Files.readAllBytes(file));
    assertTrue(progress.size() >= 3, progress::toString);
    assertTrue(progress.size() < 40, "throttled: " + progress);
    long previous = -1;
    for (String event : progress) {
      String[] words = event.split(" ");
      assertEquals("slow-part", words[0]);
      assertEquals(url, words[1]);
      long bytes = Long.parseLong(words[2].split("/")[0]);
      assertTrue(bytes > previous, progress::toString);
      assertEquals("40960", words[2].split("/")[1]);
      previous = bytes;
    }
    assertEquals("slow-part " + url + " 40960/40960", progress.get(progress.size() - 1));
  }

  @Test
  void aServerThatStopsSendingTimesOutAndLeavesNothing() throws Exception {
    byte[] content = new byte[4096];
    server.trickle("/stuck.bin", content, 100, 10_000);
    String url = server.url("/stuck.bin");
    DownloadService service = service(builder().cache(cache).timeout(Duration.ofMillis(300)));
    long start = System.nanoTime();
    RecipeException e =
        assertThrows(RecipeException.class, () -> service.download(DownloadRequest.of(url)));
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "gave up after the timeout");
    assertEquals(
        "Cannot download "
            + url
            + ": timed out, nothing received for 0.3 s ([buildout] socket-timeout)",
        e.getMessage());
    assertEquals(List.of(), filesUnder(cache));
  }

  @Test
  void aServerThatDoesNotAnswerTimesOut() throws Exception {
    server.file("/late.bin", GOOD, 10_000);
    String url = server.url("/late.bin");
    DownloadService service = service(builder().cache(cache).timeout(Duration.ofMillis(300)));
    RecipeException e =
        assertThrows(RecipeException.class, () -> service.download(DownloadRequest.of(url)));
    assertTrue(e.getMessage().startsWith("Cannot download " + url + ": timed out"), e.getMessage());
  }

  // --- concurrency

  @Test
  void concurrentDownloadsOfOneUrlByEightBuildoutsGiveOneConsistentFile() throws Exception {
    byte[] content = new byte[2 << 20];
    new Random(2).nextBytes(content);
    server.trickle("/big.bin", content, 64 * 1024, 10);
    String url = server.url("/big.bin");
    String checksum = "sha256:" + sha256(content);
    List<DownloadService> buildouts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      buildouts.add(cached());
    }
    List<Path> results = runConcurrently(8, i -> buildouts.get(i), url, checksum);

    Path expected = buildouts.get(0).cachedFile(url);
    for (Path result : results) {
      assertEquals(expected, result);
    }
    assertArrayEquals(content, Files.readAllBytes(expected));
    assertEquals(List.of(expected), filesUnder(cache), "no temporary file is left");
    assertTrue(server.requests("/big.bin") >= 2, "the downloads did overlap");
  }

  @Test
  void concurrentDownloadsOfOneUrlWithinARunFetchItOnce() throws Exception {
    byte[] content = new byte[256 * 1024];
    new Random(3).nextBytes(content);
    server.trickle("/big.bin", content, 16 * 1024, 5);
    String url = server.url("/big.bin");
    DownloadService run = cached();
    List<Path> results = runConcurrently(8, i -> run, url, "sha256:" + sha256(content));
    assertEquals(1, results.stream().distinct().count());
    assertEquals(1, server.requests("/big.bin"));
    assertArrayEquals(content, Files.readAllBytes(results.get(0)));
  }

  private static List<Path> runConcurrently(
      int threads,
      java.util.function.IntFunction<DownloadService> service,
      String url,
      String checksum)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Path>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return service
                      .apply(index)
                      .download(DownloadRequest.of(url).withChecksum(checksum), "part" + index);
                }));
      }
      go.countDown();
      List<Path> results = new ArrayList<>();
      for (Future<Path> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** extends of http URLs: relative children, the extends-cache, offline and newest (spec 3.8). */
class RemoteExtendsTest {
  @TempDir Path dir;
  private HttpServer server;
  private final Map<String, String> files = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private String base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          String body = files.get(exchange.getRequestURI().getPath());
          byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aRemoteProfileAndItsRelativeExtendsAreFetched() {
    files.put(
        "/releases/software.cfg",
        "[buildout]\nextends = ../stack/base.cfg\n[s]\nx = top\nwhere = ${:_profile_base_location_}\n");
    files.put("/stack/base.cfg", "[s]\nx = base\ny = base\n");
    ProfileFixture f = new ProfileFixture(dir);
    Profile p = f.profile("[buildout]\nextends = " + base + "/releases/software.cfg\n");
    assertEquals("top", p.get("s", "x"));
    assertEquals("base", p.get("s", "y"));
    assertEquals(base + "/releases", p.get("s", "where"));
    assertEquals(base + "/stack/base.cfg", p.annotate("s", "y").origin().location());
  }

  @Test
  void eachUrlIsFetchedOncePerLoadHoweverManyPathsReachIt() {
    files.put("/base.cfg", "[s]\nx = base\n");
    files.put("/a.cfg", "[buildout]\nextends = base.cfg\n");
    files.put("/b.cfg", "[buildout]\nextends = base.cfg\n");
    new ProfileFixture(dir)
        .profile("[buildout]\nextends = " + base + "/a.cfg " + base + "/b.cfg\n");
    assertEquals(3, requests.get());
  }

  @Test
  void theExtendsCacheServesOfflineRunsAndIsNamedByTheUrlsMd5() throws IOException {
    files.put("/r.cfg", "[s]\nx = remote\n");
    ProfileFixture f = new ProfileFixture(dir);
    f.write("buildout.cfg", "[buildout]\nextends-cache = cache\nextends = " + base + "/r.cfg\n");
    assertEquals("remote", f.load("buildout.cfg").get("s", "x"));
    Path cached = dir.resolve("cache").resolve(ProfileFetcher.md5(base + "/r.cfg"));
    assertEquals("[s]\nx = remote\n", Files.readString(cached));
    server.stop(0);
    Profile offline =
        f.loader().override("buildout:offline=true").load(dir.resolve("buildout.cfg"));
    assertEquals("remote", offline.get("s", "x"));
  }

  @Test
  void withNewestTheCacheIsAFallbackWhenTheServerFails() {
    files.put("/r.cfg", "[s]\nx = first\n");
    ProfileFixture f = new ProfileFixture(dir);
    f.write("buildout.cfg", "[buildout]\nextends-cache = cache\nextends = " + base + "/r.cfg\n");
    f.load("buildout.cfg");
    files.put("/r.cfg", "[s]\nx = second\n");
    assertEquals("second", f.load("buildout.cfg").get("s", "x"));
    files.remove("/r.cfg");
    assertEquals("second", f.load("buildout.cfg").get("s", "x"));
  }

  @Test
  void withoutNewestACachedCopyIsUsedWithoutAskingTheServer() {
    files.put("/r.cfg", "[s]\nx = first\n");
    ProfileFixture f = new ProfileFixture(dir);
    f.write("buildout.cfg", "[buildout]\nextends-cache = cache\nextends = " + base + "/r.cfg\n");
    f.load("buildout.cfg");
    files.put("/r.cfg", "[s]\nx = second\n");
    int before = requests.get();
    Profile p = f.loader().override("buildout:newest=false").load(dir.resolve("buildout.cfg"));
    assertEquals("first", p.get("s", "x"));
    assertEquals(before, requests.get());
  }

  @Test
  void offlineWithoutACachedCopyNamesTheUrl() {
    ProfileFixture f = new ProfileFixture(dir);
    f.write("buildout.cfg", "[buildout]\nextends = " + base + "/r.cfg\n");
    BuildoutException e =
        assertThrows(
            BuildoutException.class,
            () -> f.loader().offline(true).load(dir.resolve("buildout.cfg")));
    assertEquals("Couldn't download '" + base + "/r.cfg' in offline mode.", e.getMessage());
  }

  @Test
  void aMissingRemoteFileIsAClearError() {
    ProfileFixture f = new ProfileFixture(dir);
    BuildoutException e =
        assertThrows(
            BuildoutException.class,
            () -> f.profile("[buildout]\nextends = " + base + "/nosuch.cfg\n"));
    assertTrue(
        e.getMessage()
            .contains("Error downloading extends for URL " + base + "/nosuch.cfg: HTTP Error 404"),
        e.getMessage());
  }

  @Test
  void aRelativeCacheDirectorySetInARemoteFileIsAmbiguous() {
    files.put("/r.cfg", "[buildout]\ndownload-cache = dl\n");
    BuildoutException e =
        assertThrows(
            BuildoutException.class,
            () -> new ProfileFixture(dir).profile("[buildout]\nextends = " + base + "/r.cfg\n"));
    assertTrue(e.getMessage().contains("is ambiguous"), e.getMessage());
  }

  @Test
  void fileUrlsAreReadLocally() {
    ProfileFixture f = new ProfileFixture(dir);
    Path other = f.write("elsewhere/base.cfg", "[s]\nx = local\n");
    Profile p = f.profile("[buildout]\nextends = " + other.toUri() + "\n");
    assertEquals("local", p.get("s", "x"));
  }
}

package io.buildout4j.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.BuildListener;
import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.RunFailedException;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profiles;
import io.buildout4j.recipe.DownloadRequest;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads made by a recipe through {@code part.downloads()} in a real engine run. */
class EngineDownloadTest {
  /**
   * {@code recipe = test:download}: copies {@code url} (checked against {@code md5sum}, else {@code
   * alternate-url}) to {@code parts/PART/file}.
   */
  static final class DownloadRecipe implements RecipeFactory {
    @Override
    public Set<String> names() {
      return Set.of("test:download");
    }

    @Override
    public Recipe create(Part part) {
      var options = part.options();
      options.set("location", part.directories().partLocation(part.name()).toString());
      return () -> {
        Path downloaded =
            part.downloads()
                .download(
                    new DownloadRequest(
                        options.require("url"),
                        options.get("md5sum"),
                        options.get("alternate-url")));
        Path location = Path.of(options.require("location"));
        part.created(location);
        Files.createDirectories(location);
        Files.copy(downloaded, location.resolve("file"), StandardCopyOption.REPLACE_EXISTING);
        return List.of(location);
      };
    }
  }

  @TempDir Path directory;
  @TempDir Path cache;
  TestServer server;
  final List<String> progress = new CopyOnWriteArrayList<>();
  final byte[] content = new byte[3 << 20];

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
    new Random(4).nextBytes(content);
    server.file("/dist/big.tar.gz", content);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Buildout buildout(String profile) throws Exception {
    Files.writeString(directory.resolve("buildout.cfg"), profile, StandardCharsets.UTF_8);
    return Buildout.builder(directory.resolve("buildout.cfg"))
        .loader(Profiles.loader().userDefaults(false).workingDirectory(directory))
        .recipe(new DownloadRecipe())
        .listener(
            new BuildListener() {
              @Override
              public void downloadProgress(String part, String url, long bytes, long total) {
                progress.add(part + " " + url + " " + bytes + "/" + total);
              }
            })
        .build();
  }

  String md5() throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
  }

  @Test
  void aRecipeDownloadReportsProgressUnderItsPartName() throws Exception {
    String url = server.url("/dist/big.tar.gz");
    buildout(
            """
            [buildout]
            parts = fetch

            [fetch]
            recipe = test:download
            url = %s
            md5sum = %s
            """
                .formatted(url, md5()))
        .install();

    assertArrayEquals(content, Files.readAllBytes(directory.resolve("parts/fetch/file")));
    assertTrue(progress.size() >= 2, progress::toString);
    for (String event : progress) {
      assertTrue(event.startsWith("fetch " + url + " "), event);
    }
    assertEquals(
        "fetch " + url + " " + content.length + "/" + content.length,
        progress.get(progress.size() - 1));
    assertFalse(
        Files.exists(directory.resolve(".buildout4j/downloads")),
        "the run's temporary downloads are gone");
  }

  @Test
  void withADownloadCacheAnOfflineRunInstallsFromIt() throws Exception {
    String url = server.url("/dist/big.tar.gz");
    String profile =
        """
        [buildout]
        parts = fetch
        download-cache = %s
        offline = %s

        [fetch]
        recipe = test:download
        url = %s#%s
        """;
    buildout(profile.formatted(cache, "false", url, md5())).install();
    assertEquals(1, server.requests("/dist/big.tar.gz"));
    Files.delete(directory.resolve("parts/fetch/file"));
    Files.delete(directory.resolve("parts/fetch"));
    server.close();

    buildout(profile.formatted(cache, "true", url, md5())).install();

    assertArrayEquals(content, Files.readAllBytes(directory.resolve("parts/fetch/file")));
  }

  @Test
  void offlineWithoutTheFileCachedFailsNamingTheUrl() throws Exception {
    String url = server.url("/dist/big.tar.gz");
    RunFailedException e =
        assertThrows(
            RunFailedException.class,
            () ->
                buildout(
                        """
                        [buildout]
                        parts = fetch
                        download-cache = %s
                        offline = true

                        [fetch]
                        recipe = test:download
                        url = %s
                        """
                            .formatted(cache, url))
                    .install());
    assertTrue(
        e.getMessage().startsWith("Couldn't download '" + url + "' in offline mode"),
        e.getMessage());
    assertEquals(0, server.requests("/dist/big.tar.gz"));
  }

  @Test
  void anInvalidSocketTimeoutIsRefused() throws Exception {
    BuildoutException e =
        assertThrows(
            BuildoutException.class,
            () ->
                buildout(
                        """
                        [buildout]
                        parts = fetch
                        socket-timeout = soon

                        [fetch]
                        recipe = test:download
                        url = x
                        """)
                    .install());
    assertTrue(
        e.getMessage().startsWith("Invalid value for buildout:socket-timeout: 'soon'"),
        e.getMessage());
  }
}

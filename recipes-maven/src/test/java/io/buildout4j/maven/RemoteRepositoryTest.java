package io.buildout4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.buildout4j.engine.LoadedRecipe;
import io.buildout4j.profile.BuildoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online resolution from a repository served over HTTP on 127.0.0.1 by the JDK's HTTP server. */
class RemoteRepositoryTest {
  @TempDir Path temp;

  private Path served;
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private String url;

  @BeforeEach
  void serve() throws Exception {
    served = temp.resolve("served");
    new Fixture(Files.createDirectories(temp.resolve("work")), served).all();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/maven/", this::handle);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/maven/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring("/maven/".length());
      requests.add(exchange.getRequestMethod() + " " + path);
      Path file = served.resolve(path).normalize();
      if (!file.startsWith(served) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Content-Length", Long.toString(body.length));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private TestContext online() {
    return new TestContext(temp, false)
        .option(MavenRecipeSource.LOCAL_REPOSITORY_OPTION, "local")
        .option(MavenRecipeSource.REPOSITORIES_OPTION, "test=" + url);
  }

  @Test
  void downloadsTheArtifactAndItsDependenciesIntoTheLocalRepository() throws Exception {
    Path local = temp.resolve("local");
    TestContext context = online();
    try (MavenRecipeSource source =
        new MavenRecipeSource(temp.resolve("no-settings.xml"), Map.of())) {
      LoadedRecipe loaded = source.find("org.example:greeter:1.0:shout", context);
      assertEquals("ShoutFactory", loaded.factory().getClass().getSimpleName());
    }
    Path greeter = local.resolve("org/example/greeter/1.0/greeter-1.0.jar");
    assertTrue(Files.isRegularFile(greeter));
    assertTrue(Files.isRegularFile(local.resolve("org/example/greeter/1.0/greeter-1.0.pom")));
    assertTrue(Files.isRegularFile(local.resolve("org/example/helper/1.0/helper-1.0.jar")));
    assertEquals(
        -1L, Files.mismatch(greeter, served.resolve("org/example/greeter/1.0/greeter-1.0.jar")));
    assertTrue(
        requests.contains("GET org/example/greeter/1.0/greeter-1.0.jar"), requests.toString());
    // neither the recipe SPI nor test-scoped or optional dependencies were asked for
    assertFalse(requests.stream().anyMatch(r -> r.contains("buildout4j")), requests.toString());
    assertFalse(requests.stream().anyMatch(r -> r.contains("only-for-tests")), requests.toString());
    assertFalse(requests.stream().anyMatch(r -> r.contains("optional-extra")), requests.toString());
    assertTrue(
        context.logs.contains("Downloaded " + url + "org/example/greeter/1.0/greeter-1.0.jar"),
        context.logs.toString());
    assertEquals(List.of(), context.logsFromOtherThreads);

    // the next run can do without the network
    requests.clear();
    TestContext offline =
        new TestContext(temp, true)
            .option(MavenRecipeSource.LOCAL_REPOSITORY_OPTION, "local")
            .option(MavenRecipeSource.REPOSITORIES_OPTION, "test=" + url);
    try (MavenRecipeSource source =
        new MavenRecipeSource(temp.resolve("no-settings.xml"), Map.of())) {
      LoadedRecipe loaded = source.find("org.example:greeter:1.0", offline);
      assertEquals("GreetFactory", loaded.factory().getClass().getSimpleName());
    }
    assertEquals(List.of(), requests);
  }

  @Test
  void anArtifactMissingOnlineNamesTheRepositoriesTried() {
    try (MavenRecipeSource source =
        new MavenRecipeSource(temp.resolve("no-settings.xml"), Map.of())) {
      BuildoutException e =
          assertThrows(
              BuildoutException.class, () -> source.find("org.example:absent:2.1", online()));
      String message = e.getMessage();
      assertTrue(
          message.startsWith(
              "Cannot load recipe org.example:absent:2.1: cannot resolve org.example:absent:2.1 from test ("
                  + url
                  + ") into the local repository at "
                  + temp.resolve("local")),
          message);
    }
    assertTrue(requests.contains("GET org/example/absent/2.1/absent-2.1.pom"), requests.toString());
  }
}

package io.buildout4j.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP server on 127.0.0.1 serving what a test tells it to, counting requests per path. */
final class TestServer implements AutoCloseable {
  /** How one path answers. */
  interface Route {
    void handle(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getRawPath();
          requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          try (exchange) {
            Route route = routes.get(path);
            if (route == null) {
              exchange.sendResponseHeaders(404, -1);
            } else {
              route.handle(exchange);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // the client went away
          }
        });
    server.start();
  }

  /** Serves {@code content} at {@code path}. */
  TestServer file(String path, byte[] content) {
    return file(path, content, 0);
  }

  /** Serves {@code content} at {@code path}, waiting {@code delayMillis} before answering. */
  TestServer file(String path, byte[] content, long delayMillis) {
    routes.put(
        path,
        exchange -> {
          Thread.sleep(delayMillis);
          exchange.sendResponseHeaders(200, content.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(content);
          }
        });
    return this;
  }

  /** Serves {@code content} in {@code chunk}-byte pieces, {@code delayMillis} apart. */
  TestServer trickle(String path, byte[] content, int chunk, long delayMillis) {
    routes.put(
        path,
        exchange -> {
          exchange.sendResponseHeaders(200, content.length);
          OutputStream out = exchange.getResponseBody();
          for (int i = 0; i < content.length; i += chunk) {
            out.write(content, i, Math.min(chunk, content.length - i));
            out.flush();
            Thread.sleep(delayMillis);
          }
          out.close();
        });
    return this;
  }

  /** Answers {@code status} with a short body. */
  TestServer status(String path, int status) {
    routes.put(
        path,
        exchange -> {
          byte[] body = ("status " + status).getBytes();
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
        });
    return this;
  }

  /** Redirects {@code path} to {@code target} (302). */
  TestServer redirect(String path, String target) {
    routes.put(
        path,
        exchange -> {
          exchange.getResponseHeaders().set("Location", target);
          exchange.sendResponseHeaders(302, -1);
        });
    return this;
  }

  /** How many requests asked for {@code path}. */
  int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

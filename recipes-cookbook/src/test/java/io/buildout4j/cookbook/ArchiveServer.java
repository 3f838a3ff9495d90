package io.buildout4j.cookbook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 for the recipes' tests: serves the files of a directory under {@code
 * /files/NAME} (404 for anything missing) and counts the requests for each name.
 */
final class ArchiveServer implements AutoCloseable {
  final Path directory;
  private final HttpServer server;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  ArchiveServer(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/files/",
        exchange -> {
          String name = exchange.getRequestURI().getPath().substring("/files/".length());
          hits.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
          Path file = directory.resolve(name).normalize();
          try (exchange) {
            if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  /** The URL of {@code name}. */
  String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name;
  }

  /** The file served as {@code name}. */
  Path file(String name) {
    return directory.resolve(name);
  }

  /** How many times {@code name} was requested. */
  int hits(String name) {
    AtomicInteger count = hits.get(name);
    return count == null ? 0 : count.get();
  }

  /**
   * The hex digest of the file served as {@code name}: {@code md5}, {@code sha256} or {@code
   * sha512}.
   */
  String digest(String name, String algorithm) throws IOException {
    String jca =
        switch (algorithm) {
          case "sha256" -> "SHA-256";
          case "sha512" -> "SHA-512";
          default -> "MD5";
        };
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance(jca).digest(Files.readAllBytes(file(name))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

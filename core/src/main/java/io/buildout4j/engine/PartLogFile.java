package io.buildout4j.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One part's log file ({@code .buildout4j/logs/PART.log}), rewritten each time the part is
 * installed, updated or uninstalled. Lines are flushed as written, so the log of a part that
 * crashed or hangs is readable. Thread-safe.
 */
final class PartLogFile implements AutoCloseable {
  private final Path path;
  private final BufferedWriter writer;
  private boolean broken;

  private PartLogFile(Path path, BufferedWriter writer) {
    this.path = path;
    this.writer = writer;
  }

  /** Opens (truncating) the log of {@code part} in {@code directory}. */
  static PartLogFile open(Path directory, String part) throws IOException {
    Files.createDirectories(directory);
    Path path = directory.resolve(part + ".log");
    return new PartLogFile(
        path,
        Files.newBufferedWriter(
            path,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE));
  }

  Path path() {
    return path;
  }

  synchronized void write(String line) {
    if (broken) {
      return;
    }
    try {
      writer.write(line);
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      broken = true;
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      broken = true;
    }
  }
}

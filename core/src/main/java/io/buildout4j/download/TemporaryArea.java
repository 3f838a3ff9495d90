package io.buildout4j.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where one run keeps downloads when there is no download cache: {@code PARENT/run-XXXX/}, created
 * on first use and deleted when the run closes its service. The directory holds a {@code .lock}
 * file locked (by the operating system) for as long as the run lives, so the area of a run that was
 * killed is recognised, and deleted, by the next run that creates one under the same parent.
 */
final class TemporaryArea implements AutoCloseable {
  private static final String PREFIX = "run-";
  private static final String LOCK = ".lock";

  /** Areas younger than this are left alone even if unlocked: their run may be starting. */
  private static final Duration GRACE = Duration.ofMinutes(1);

  private final Path parent;
  private @Nullable Path directory;
  private @Nullable FileChannel lockChannel;
  private boolean closed;

  TemporaryArea(Path parent) {
    this.parent = parent;
  }

  /** The area, created on first call. */
  synchronized Path directory() throws IOException {
    if (closed) {
      throw new IllegalStateException("the download service was closed at the end of its run");
    }
    if (directory == null) {
      Files.createDirectories(parent);
      sweep();
      Path created = Files.createTempDirectory(parent, PREFIX);
      FileChannel channel =
          FileChannel.open(
              created.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        channel.lock();
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      lockChannel = channel;
      directory = created;
    }
    return directory;
  }

  /** Deletes the area (if it was created) and the parent if that leaves it empty. */
  @Override
  public synchronized void close() throws IOException {
    closed = true;
    Path created = directory;
    directory = null;
    if (created == null) {
      return;
    }
    try {
      deleteTree(created);
    } finally {
      FileChannel channel = lockChannel;
      lockChannel = null;
      if (channel != null) {
        channel.close();
      }
    }
    try {
      Files.deleteIfExists(parent);
    } catch (IOException e) {
      // not empty: another run's area, or something else; leave it
    }
  }

  /** Deletes the areas of runs that are gone: unlocked, and older than the grace period. */
  private void sweep() {
    Instant before = Instant.now().minus(GRACE);
    try (DirectoryStream<Path> areas = Files.newDirectoryStream(parent, PREFIX + "*")) {
      for (Path area : areas) {
        try {
          if (Files.getLastModifiedTime(area).toInstant().isAfter(before) || !abandoned(area)) {
            continue;
          }
          deleteTree(area);
        } catch (IOException e) {
          // in use, or vanished meanwhile: leave it
        }
      }
    } catch (IOException e) {
      // sweeping is best effort
    }
  }

  private static boolean abandoned(Path area) throws IOException {
    Path lock = area.resolve(LOCK);
    if (!Files.exists(lock)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock taken = channel.tryLock();
      if (taken == null) {
        return false;
      }
      taken.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false;
    }
  }

  static void deleteTree(Path root) throws IOException {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
                throws IOException {
              if (e != null) {
                throw e;
              }
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // already gone
    }
  }
}

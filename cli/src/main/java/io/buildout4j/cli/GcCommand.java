package io.buildout4j.cli;

import io.buildout4j.engine.InstalledPart;
import io.buildout4j.engine.InstalledState;
import io.buildout4j.engine.InstalledStateFile;
import io.buildout4j.profile.BuildoutException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code buildout4j gc --shared DIR [BUILDOUT ...] [--delete]}: the shared parts in DIR (each
 * {@code DIR/PART/HASH}) that none of the named buildouts reaches, listed, or removed with {@code
 * --delete}. A buildout reaches a shared part when a value recorded in its {@code .installed.cfg}
 * mentions the part's directory; a shared part reaches those its {@code .buildout-shared.json}
 * mentions. Unfinished installs (no marker) are garbage too, unless an install holds their lock.
 */
final class GcCommand {
  private static final String MARKER = ".buildout-shared.json";

  private final PrintStream out;
  private final Path workingDirectory;

  GcCommand(PrintStream out, Path workingDirectory) {
    this.out = out;
    this.workingDirectory = workingDirectory;
  }

  void run(CommandLine line) {
    Path shared = workingDirectory.resolve(line.shared()).normalize();
    if (!Files.isDirectory(shared)) {
      throw new BuildoutException("UserError", "No shared-part directory at " + shared);
    }
    if (line.delete() && line.arguments().isEmpty()) {
      throw new BuildoutException(
          "UserError",
          "gc --shared "
              + shared
              + " --delete names no buildout: every shared part would be removed, even those"
              + " installed buildouts use. Name the buildout directories that use "
              + shared
              + " (gc --shared DIR BUILDOUT ... --delete)");
    }
    Set<Path> candidates = candidates(shared);
    Deque<Path> pending = new ArrayDeque<>();
    for (String buildout : line.arguments()) {
      Path state = installedFile(workingDirectory.resolve(buildout).normalize());
      InstalledState installed = InstalledStateFile.read(state);
      for (InstalledPart part : installed.parts()) {
        for (String value : part.recordedOptions().values()) {
          pending.addAll(mentioned(value, shared, candidates));
        }
      }
    }
    Set<Path> reached = new LinkedHashSet<>();
    while (!pending.isEmpty()) {
      Path part = pending.removeFirst();
      if (!reached.add(part)) {
        continue;
      }
      Path marker = part.resolve(MARKER);
      if (Files.isRegularFile(marker)) {
        pending.addAll(mentioned(read(marker), shared, candidates));
      }
    }
    int garbage = 0;
    long bytes = 0;
    for (Path candidate : candidates) {
      if (reached.contains(candidate)) {
        continue;
      }
      boolean finished = Files.isRegularFile(candidate.resolve(MARKER));
      try (Held held = Held.lock(lockFile(candidate))) {
        if (held == null) {
          out.println("In use (an install holds its lock), kept: " + candidate);
          continue;
        }
        long size = size(candidate);
        garbage++;
        bytes += size;
        String what = (finished ? "" : "unfinished, ") + megabytes(size);
        if (line.delete()) {
          remove(candidate);
          out.println("Removed " + candidate + " (" + what + ")");
        } else {
          out.println("Would remove " + candidate + " (" + what + ")");
        }
      } catch (IOException e) {
        throw new BuildoutException(
            "UserError", "Cannot remove " + candidate + ": " + e.getMessage(), e);
      }
    }
    out.println(
        (line.delete() ? "Removed " : "Would remove ")
            + garbage
            + " of "
            + candidates.size()
            + " shared parts ("
            + megabytes(bytes)
            + "); "
            + reached.size()
            + " reached by "
            + line.arguments().size()
            + (line.arguments().size() == 1 ? " buildout." : " buildouts.")
            + (line.delete() || garbage == 0 ? "" : " Add --delete to remove them."));
  }

  /** Every {@code DIR/PART/HASH} directory. */
  private static Set<Path> candidates(Path shared) {
    Set<Path> found = new TreeSet<>();
    try (Stream<Path> parts = Files.list(shared)) {
      for (Path part : parts.filter(Files::isDirectory).toList()) {
        try (Stream<Path> hashes = Files.list(part)) {
          hashes.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(found::add);
        }
      }
    } catch (IOException e) {
      throw new BuildoutException("UserError", "Cannot list " + shared + ": " + e.getMessage(), e);
    }
    return found;
  }

  /** The candidates that {@code text} mentions (a path under DIR, PART and HASH included). */
  private static List<Path> mentioned(String text, Path shared, Set<Path> candidates) {
    List<Path> found = new ArrayList<>();
    String prefix = shared.toString() + "/";
    int at = text.indexOf(prefix);
    while (at >= 0) {
      int end = at + prefix.length();
      String[] rest = text.substring(end).split("/", 3);
      if (rest.length >= 2) {
        String hash = rest[1].split("[\\s\"':;,)]", 2)[0];
        Path candidate = shared.resolve(rest[0]).resolve(hash);
        if (candidates.contains(candidate)) {
          found.add(candidate);
        }
      }
      at = text.indexOf(prefix, end);
    }
    return found;
  }

  private static Path installedFile(Path buildout) {
    Path file = Files.isDirectory(buildout) ? buildout.resolve(".installed.cfg") : buildout;
    if (!Files.isRegularFile(file)) {
      throw new BuildoutException(
          "UserError",
          "No installed buildout at "
              + buildout
              + " (no "
              + file.getFileName()
              + "): name buildout directories whose parts may use the shared parts");
    }
    return file;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BuildoutException("UserError", "Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path lockFile(Path candidate) {
    return candidate.resolveSibling(candidate.getFileName() + ".lock");
  }

  /** Removes the marker first, so an interrupted removal never looks like a finished part. */
  private static void remove(Path candidate) throws IOException {
    Files.deleteIfExists(candidate.resolve(MARKER));
    Files.walkFileTree(
        candidate,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            dir.toFile().setWritable(true, true);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
    Files.deleteIfExists(lockFile(candidate));
  }

  private static long size(Path directory) throws IOException {
    long[] total = {0};
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            total[0] += attrs.size();
            return FileVisitResult.CONTINUE;
          }
        });
    return total[0];
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** The lock of a shared part, held while it is removed; null when an install holds it. */
  private record Held(FileChannel channel, FileLock lock) implements AutoCloseable {
    static Held lock(Path file) throws IOException {
      if (!Files.exists(file)) {
        return new Held(null, null);
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
      try {
        FileLock lock = channel.tryLock();
        if (lock == null) {
          channel.close();
          return null;
        }
        return new Held(channel, lock);
      } catch (OverlappingFileLockException e) {
        channel.close();
        return null;
      }
    }

    @Override
    public void close() throws IOException {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    }
  }
}

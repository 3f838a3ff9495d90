package io.buildout4j.engine;

import io.buildout4j.profile.BuildoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The lock that stops two runs from working on the same buildout directory at once.
 *
 * <p>The engine (or the command line) acquires it before reading the installed state and closes it
 * when the run ends. The lock is an operating-system lock ({@link FileChannel#tryLock()}) on {@code
 * <directory>/.buildout4j.lock}, so it is released when the holding process dies, however it dies;
 * the next run then takes the file over. While held, the file describes its holder (process id,
 * host, command and start time) so that a refused run can say who is in the way.
 *
 * <p>Acquiring never waits: if another process, or another part of this JVM, holds the lock, {@link
 * #acquire} fails at once with a {@code UserError}.
 *
 * <p>Do not open the lock file in this JVM while holding the lock: on POSIX systems closing any
 * descriptor of a file drops every lock the process holds on it (a refused {@link #acquire} in this
 * JVM therefore never opens the file; it answers from memory).
 */
public final class DirectoryLock implements AutoCloseable {
  /** The name of the lock file inside the buildout directory. */
  public static final String FILE_NAME = ".buildout4j.lock";

  private static final int ATTEMPTS = 100;

  /**
   * Directories locked by this JVM, with their holder's description: file locks are per process, so
   * they cannot tell.
   */
  private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

  private static volatile @Nullable String hostName;

  private final Path directory;
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean closed;

  private DirectoryLock(Path directory, Path file, FileChannel channel, FileLock lock) {
    this.directory = directory;
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code directory} for {@code command}.
   *
   * @param directory the buildout directory; it must exist (the caller creates it)
   * @param command what the holder is doing, shown to runs that are refused (e.g. {@code buildout4j
   *     install})
   * @return the held lock; close it to release it (this deletes the lock file)
   * @throws BuildoutException a {@code UserError} if the directory does not exist, if the lock is
   *     held (the message names the holder), or if the lock file cannot be created or written
   */
  public static DirectoryLock acquire(Path directory, String command) {
    Path canonical;
    try {
      canonical = directory.toRealPath();
    } catch (NoSuchFileException e) {
      throw new BuildoutException(
          "UserError", "Cannot lock the buildout in " + directory + ": no such directory", e);
    } catch (IOException e) {
      throw new BuildoutException(
          "UserError", "Cannot lock the buildout in " + directory + ": " + e, e);
    }
    if (!Files.isDirectory(canonical)) {
      throw new BuildoutException(
          "UserError", "Cannot lock the buildout in " + directory + ": not a directory");
    }
    Path file = canonical.resolve(FILE_NAME);
    String description = describe(command);
    String holder = HELD.putIfAbsent(canonical, description);
    if (holder != null) {
      // Never open the file here: closing any descriptor of a file drops this process's lock on it.
      throw inUse(canonical, who(holder));
    }
    boolean acquired = false;
    try {
      for (int attempt = 1; ; attempt++) {
        DirectoryLock held = tryOnce(canonical, file, description);
        if (held != null) {
          acquired = true;
          return held;
        }
        if (attempt == ATTEMPTS) {
          throw new BuildoutException(
              "UserError",
              "Cannot lock the buildout in "
                  + canonical
                  + ": its lock file "
                  + file
                  + " keeps being replaced");
        }
      }
    } catch (IOException e) {
      throw new BuildoutException(
          "UserError", "Cannot lock the buildout in " + canonical + ": " + e, e);
    } finally {
      if (!acquired) {
        HELD.remove(canonical);
      }
    }
  }

  /**
   * One attempt: lock the file, check that the path still names the locked file, and write the
   * holder. A holder that closes deletes the file while still holding the lock, so the file opened
   * here may be gone, or replaced by another run's, by the time it is locked; the path's file key
   * is compared before opening and after locking (Java cannot ask an open channel for its file's
   * identity). Returns null to try again.
   */
  private static @Nullable DirectoryLock tryOnce(Path directory, Path file, String description)
      throws IOException {
    Object before = fileKey(file);
    if (before == null) {
      try {
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
      } catch (FileAlreadyExistsException e) {
        // another run created it meanwhile
      }
      return null;
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      return null;
    }
    boolean keep = false;
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        throw inUse(directory, "another part of this process");
      }
      if (lock == null) {
        throw inUse(directory, who(holderOf(channel)));
      }
      Object after = fileKey(file);
      if (after == null || !after.equals(before)) {
        lock.release();
        return null;
      }
      byte[] bytes = description.getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer, bytes.length - buffer.remaining());
      }
      channel.force(false);
      keep = true;
      return new DirectoryLock(directory, file, channel, lock);
    } finally {
      if (!keep) {
        channel.close();
      }
    }
  }

  /** The identity of the file {@code file} names now, or null if there is none. */
  private static @Nullable Object fileKey(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
    Object key = attributes.fileKey();
    // Without file keys (some platforms), fall back to the creation time: weaker, but the file is
    // recreated by every run.
    return key != null ? key : attributes.creationTime();
  }

  private static String describe(String command) {
    Map<String, String> holder = new LinkedHashMap<>();
    holder.put("pid", Long.toString(ProcessHandle.current().pid()));
    holder.put("host", hostName());
    holder.put("command", command.replace('\n', ' ').replace('\r', ' '));
    holder.put("since", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    StringBuilder out = new StringBuilder();
    holder.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
    return out.toString();
  }

  /** What the holder wrote in the file, read through the channel that failed to lock it. */
  private static String holderOf(FileChannel channel) {
    try {
      long size = Math.min(channel.size(), 64 * 1024);
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
        // read on
      }
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      // unreadable (or locked against reading, on Windows): describe the holder vaguely
      return "";
    }
  }

  /** Who holds the lock, from the holder's description (the lock file's content). */
  private static String who(String description) {
    Map<String, String> holder = new LinkedHashMap<>();
    for (String line : description.split("\n")) {
      int eq = line.indexOf(" = ");
      if (eq > 0) {
        holder.put(line.substring(0, eq), line.substring(eq + 3));
      }
    }
    String pid = holder.get("pid");
    if (pid == null) {
      return "another process";
    }
    StringBuilder who = new StringBuilder("process ").append(pid);
    String host = holder.get("host");
    if (host != null) {
      who.append(" on host ").append(host);
    }
    String command = holder.get("command");
    String since = holder.get("since");
    if (command != null && since != null) {
      who.append(" (").append(command).append(", since ").append(since).append(')');
    } else if (command != null) {
      who.append(" (").append(command).append(')');
    } else if (since != null) {
      who.append(" (since ").append(since).append(')');
    }
    return who.toString();
  }

  private static BuildoutException inUse(Path directory, String who) {
    return new BuildoutException(
        "UserError",
        "The buildout in "
            + directory
            + " is in use by "
            + who
            + "; wait for it to finish, or stop it.");
  }

  private static String hostName() {
    String name = hostName;
    if (name == null) {
      name = lookUpHostName();
      hostName = name;
    }
    return name;
  }

  private static String lookUpHostName() {
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(kernel)) {
        String name = Files.readString(kernel, StandardCharsets.UTF_8).strip();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall back to the resolver
    }
    String env = System.getenv("COMPUTERNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The locked directory, as a real path. */
  public Path directory() {
    return directory;
  }

  /** The lock file, {@code <directory>/.buildout4j.lock}. */
  public Path file() {
    return file;
  }

  /**
   * Releases the lock: deletes the lock file while still holding it, then releases and closes.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A file left behind is harmless: the next run takes it over.
    } finally {
      try {
        lock.release();
      } catch (IOException e) {
        // closing the channel releases it anyway
      }
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to release
      } finally {
        HELD.remove(directory);
      }
    }
  }
}

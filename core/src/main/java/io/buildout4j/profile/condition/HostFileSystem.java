package io.buildout4j.profile.condition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The read-only file-system probes conditions may make on the machine running buildout4j: {@code
 * os.path.isdir/isfile/exists}, {@code os.access}, {@code open(path).read()} and {@code
 * platform.freedesktop_os_release()}. Failures are reported as the Python exceptions CPython would
 * raise. Only regular files of at most {@link #MAX_FILE_SIZE} bytes can be read, so a condition can
 * neither block on a FIFO nor exhaust memory on {@code /dev/zero}.
 */
final class HostFileSystem {
  static final int MAX_FILE_SIZE = 1 << 20;

  static final List<Path> OS_RELEASE_CANDIDATES =
      List.of(Path.of("/etc/os-release"), Path.of("/usr/lib/os-release"));

  private final List<Path> osReleaseCandidates;

  HostFileSystem() {
    this(OS_RELEASE_CANDIDATES);
  }

  /** A file system reading os-release from the given candidates, first readable one wins. */
  HostFileSystem(List<Path> osReleaseCandidates) {
    this.osReleaseCandidates = List.copyOf(osReleaseCandidates);
  }

  boolean isDirectory(String path) {
    Path p = toPathOrNull(path);
    return p != null && Files.isDirectory(p);
  }

  boolean isFile(String path) {
    Path p = toPathOrNull(path);
    return p != null && Files.isRegularFile(p);
  }

  boolean exists(String path) {
    Path p = toPathOrNull(path);
    return p != null && Files.exists(p);
  }

  /** {@code os.access(path, mode)} with the POSIX R_OK=4, W_OK=2, X_OK=1 bits. */
  boolean access(String path, int mode) {
    if (path.indexOf('\0') >= 0) {
      throw ExpressionError.valueError("embedded null byte");
    }
    Path p = toPathOrNull(path);
    if (p == null || !Files.exists(p)) {
      return false;
    }
    return ((mode & 4) == 0 || Files.isReadable(p))
        && ((mode & 2) == 0 || Files.isWritable(p))
        && ((mode & 1) == 0 || Files.isExecutable(p));
  }

  /**
   * The text of a file, as {@code open(path).read()} would return it (UTF-8, universal newlines).
   */
  String readText(String path) {
    if (path.indexOf('\0') >= 0) {
      throw ExpressionError.valueError("embedded null byte");
    }
    Path p = toPathOrNull(path);
    String quoted = PythonRepr.quote(path);
    if (p == null || !Files.exists(p)) {
      throw ExpressionError.python(
          "FileNotFoundError", "[Errno 2] No such file or directory: " + quoted);
    }
    if (Files.isDirectory(p)) {
      throw ExpressionError.python("IsADirectoryError", "[Errno 21] Is a directory: " + quoted);
    }
    if (!Files.isRegularFile(p)) {
      throw new ExpressionError("reading special file " + quoted + " is not allowed");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(p)) {
      bytes = in.readNBytes(MAX_FILE_SIZE + 1);
    } catch (AccessDeniedException e) {
      throw ExpressionError.python("PermissionError", "[Errno 13] Permission denied: " + quoted);
    } catch (NoSuchFileException e) {
      throw ExpressionError.python(
          "FileNotFoundError", "[Errno 2] No such file or directory: " + quoted);
    } catch (IOException e) {
      throw ExpressionError.python("OSError", "cannot read " + quoted + ": " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_SIZE) {
      throw new ExpressionError(
          "file " + quoted + " is larger than " + MAX_FILE_SIZE + " bytes, too large to read");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw ExpressionError.python(
          "UnicodeDecodeError", "'utf-8' codec can't decode the content of " + quoted);
    }
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** {@code platform.freedesktop_os_release()}. */
  Map<String, String> osRelease() {
    for (Path candidate : osReleaseCandidates) {
      try {
        return OsRelease.parse(readText(candidate.toString()));
      } catch (ExpressionError e) {
        // Like CPython: try the next candidate.
      }
    }
    throw ExpressionError.python(
        "OSError",
        "Unable to read files "
            + osReleaseCandidates.stream().map(Path::toString).collect(Collectors.joining(", ")));
  }

  private static @Nullable Path toPathOrNull(String path) {
    if (path.isEmpty() || path.indexOf('\0') >= 0) {
      return null;
    }
    try {
      return Path.of(path);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}

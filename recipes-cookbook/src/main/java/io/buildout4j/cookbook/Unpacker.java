package io.buildout4j.cookbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Unpacks tar (plain, gzip, bzip2 or xz compressed) and zip archives into a directory, safely.
 *
 * <p>The format is recognised from the content (magic bytes), not from the name. Regular files keep
 * their permission bits (executable bits included), directories get theirs once everything inside
 * them is written, symbolic links are recreated as they are (they may point anywhere: only writing
 * <em>through</em> them is checked), and tar hard links are recreated as hard links.
 *
 * <p>Nothing is ever written outside the target. Every entry is refused, with the archive and the
 * entry named, when it would land elsewhere: an absolute name, a {@code ..} component, a path that
 * goes through a symbolic link (made earlier by the same archive, possibly through a chain of
 * links) whose real location is not inside the target, a hard link to something outside the target
 * or not yet unpacked. Device files, FIFOs and sockets are refused too, and so are archives that
 * unpack to more than {@link Limits} allow.
 *
 * <p>The archive is unpacked into a staging directory next to the target ({@link
 * #stagingDirectory(Path)}) and moved into place with one rename once complete: the target either
 * does not exist or holds the whole archive. On any failure the staging directory is removed and
 * the target is not created.
 *
 * <p>Instances are immutable and may be shared between threads; each call works on its own files.
 */
public final class Unpacker {
  /** The archive formats understood, as recognised by {@link #detect(Path)}. */
  public enum Format {
    /** An uncompressed tar archive. */
    TAR("tar"),
    /** A gzip-compressed tar archive ({@code .tar.gz}, {@code .tgz}). */
    TAR_GZIP("tar.gz"),
    /** A bzip2-compressed tar archive ({@code .tar.bz2}). */
    TAR_BZIP2("tar.bz2"),
    /** An xz-compressed tar archive ({@code .tar.xz}). */
    TAR_XZ("tar.xz"),
    /** A zip archive (also {@code .jar}, {@code .war}, {@code .whl}, ...). */
    ZIP("zip");

    private final String label;

    Format(String label) {
      this.label = label;
    }

    /** The usual file name extension, e.g. {@code tar.gz}. */
    public String label() {
      return label;
    }
  }

  /** What to do with the archive's top-level directory. */
  public enum Strip {
    /** Keep the archive's layout: its top-level entries become the target's entries. */
    NEVER,
    /**
     * The archive must hold exactly one directory at its top level; its content becomes the
     * target's content. Anything else is refused.
     */
    ALWAYS,
    /**
     * Strip the top-level directory when it is the only thing at the archive's top level, keep the
     * layout otherwise: SlapOS's {@code download-unpacked} when {@code strip-top-level-dir} is not
     * given.
     */
    IF_SINGLE_DIRECTORY
  }

  /**
   * Bounds that make absurd archives fail instead of filling the disk.
   *
   * @param maxBytes the most bytes the regular files may add up to
   * @param maxEntries the most entries the archive may have
   */
  public record Limits(long maxBytes, long maxEntries) {
    /** 64 GiB and two million entries: far above any software release, far below a zip bomb. */
    public static final Limits DEFAULT = new Limits(64L << 30, 2_000_000);

    /** Checks that both bounds are positive. */
    public Limits {
      if (maxBytes <= 0 || maxEntries <= 0) {
        throw new IllegalArgumentException(
            "limits must be positive: " + maxBytes + ", " + maxEntries);
      }
    }
  }

  /**
   * What an unpack did.
   *
   * @param target where the archive now is
   * @param format the archive's format, as detected
   * @param entries how many entries the archive had
   * @param bytes how many bytes its regular files hold
   * @param strippedDirectory the name of the top-level directory that was stripped, or null
   */
  public record Result(
      Path target, Format format, long entries, long bytes, @Nullable String strippedDirectory) {}

  private static final int BLOCK = 512;
  private static final Set<PosixFilePermission> PRIVATE =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private final Limits limits;

  /** An unpacker with the {@link Limits#DEFAULT default limits}. */
  public Unpacker() {
    this(Limits.DEFAULT);
  }

  /** An unpacker with the given limits. */
  public Unpacker(Limits limits) {
    this.limits = limits;
  }

  /**
   * The directory {@link #unpack} works in before moving the result to {@code target}: {@code
   * .NAME.unpacking} next to it. Register it with {@code Part.created} along with the target, so
   * that what a crash leaves there is removed. Whatever is there when an unpack starts is deleted.
   */
  public static Path stagingDirectory(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    Path name = absolute.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("Cannot unpack into " + target);
    }
    return absolute.resolveSibling("." + name + ".unpacking");
  }

  /**
   * The format of the archive at {@code archive}, from its first bytes (for compressed files, the
   * first bytes of what they contain).
   *
   * @throws UnpackException if it is none of the formats understood
   * @throws IOException if it cannot be read
   */
  public static Format detect(Path archive) throws IOException {
    return detect(archive, archive.toString());
  }

  private static Format detect(Path archive, String label) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(archive)) {
      head = readUpTo(in, BLOCK);
    }
    Format compressed = null;
    if (starts(head, 0x1f, 0x8b)) {
      compressed = Format.TAR_GZIP;
    } else if (starts(head, 'B', 'Z', 'h')) {
      compressed = Format.TAR_BZIP2;
    } else if (starts(head, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      compressed = Format.TAR_XZ;
    }
    if (compressed != null) {
      byte[] inner;
      try (InputStream in = open(compressed, Files.newInputStream(archive))) {
        inner = readUpTo(in, BLOCK);
      } catch (IOException e) {
        throw new UnpackException(
            label,
            null,
            "Cannot unpack "
                + label
                + ": its "
                + compression(compressed)
                + " stream is corrupt ("
                + e.getMessage()
                + ")",
            e);
      }
      if (!isTar(inner)) {
        throw new UnpackException(
            label,
            null,
            "Cannot unpack "
                + label
                + ": it is "
                + compression(compressed)
                + "-compressed, but what it holds is not a tar archive",
            null);
      }
      return compressed;
    }
    if (starts(head, 'P', 'K', 3, 4)
        || starts(head, 'P', 'K', 5, 6)
        || starts(head, 'P', 'K', 7, 8)) {
      return Format.ZIP;
    }
    if (isTar(head)) {
      return Format.TAR;
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(head.length, 8); i++) {
      hex.append(String.format(Locale.ROOT, "%02x", head[i] & 0xff));
    }
    throw new UnpackException(
        label,
        null,
        "Cannot unpack "
            + label
            + ": it is not a tar, tar.gz, tar.bz2, tar.xz or zip archive ("
            + (head.length == 0 ? "it is empty" : "it starts with bytes " + hex)
            + ")",
        null);
  }

  /** Unpacks {@code archive} into {@code target}, naming it by its path in messages. */
  public Result unpack(Path archive, Path target, Strip strip) {
    return unpack(archive, archive.toString(), target, strip);
  }

  /**
   * Unpacks {@code archive} into {@code target}, which must not exist yet (its parent must).
   *
   * @param archive the archive file
   * @param label how messages name the archive (its URL, say)
   * @param target the directory to create
   * @param strip what to do with a top-level directory
   * @return what was unpacked
   * @throws UnpackException if the archive is refused or cannot be unpacked; the target is then not
   *     created and the staging directory is removed
   */
  public Result unpack(Path archive, String label, Path target, Strip strip) {
    Path destination = target.toAbsolutePath().normalize();
    Path staging = stagingDirectory(destination);
    if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
      throw new UnpackException(
          label, null, "Cannot unpack " + label + " into " + target + ": it already exists", null);
    }
    Path parent = destination.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UnpackException(
          label,
          null,
          "Cannot unpack " + label + " into " + target + ": " + parent + " is not a directory",
          null);
    }
    Extraction extraction = null;
    boolean moved = false;
    boolean done = false;
    try {
      Format format = detect(archive, label);
      deleteTree(staging);
      Files.createDirectory(staging);
      restrict(staging);
      Path root = staging.resolve("root");
      Files.createDirectory(root);
      extraction = new Extraction(label, root.toRealPath(), limits);
      if (format == Format.ZIP) {
        extraction.zip(archive);
      } else {
        try (InputStream in = open(format, Files.newInputStream(archive))) {
          extraction.tar(in);
        }
      }
      extraction.current = null;
      Path source = extraction.root;
      String stripped = null;
      if (strip != Strip.NEVER) {
        List<Path> top;
        try (Stream<Path> list = Files.list(extraction.root)) {
          top = list.sorted().toList();
        }
        if (top.size() == 1 && Files.isDirectory(top.get(0), LinkOption.NOFOLLOW_LINKS)) {
          source = top.get(0);
          stripped = source.getFileName().toString();
        } else if (strip == Strip.ALWAYS) {
          throw new UnpackException(
              label,
              null,
              "Cannot strip the top-level directory of " + label + ": " + describeTop(top),
              null);
        }
      }
      extraction.applyDirectoryModes(source);
      Files.move(source, destination, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      extraction.applyDirectoryMode(source, destination);
      done = true;
      return new Result(destination, format, extraction.entries, extraction.bytes, stripped);
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      // Commons Compress reports some malformed headers as IllegalArgumentException
      String entry = extraction == null ? null : extraction.current;
      throw new UnpackException(
          label,
          entry,
          "Cannot unpack "
              + label
              + " into "
              + target
              + (entry == null ? "" : " (at entry '" + entry + "')")
              + ": "
              + describe(e),
          e);
    } finally {
      if (!done) {
        if (moved) {
          deleteQuietly(destination);
        }
      }
      deleteQuietly(staging);
    }
  }

  private static String describeTop(List<Path> top) {
    if (top.isEmpty()) {
      return "it is empty";
    }
    if (top.size() == 1) {
      return "its only top-level entry, " + top.get(0).getFileName() + ", is not a directory";
    }
    List<String> names = new ArrayList<>();
    for (Path path : top.subList(0, Math.min(top.size(), 5))) {
      names.add(path.getFileName().toString());
    }
    return "it has "
        + top.size()
        + " entries at its top level ("
        + String.join(", ", names)
        + (top.size() > 5 ? ", ..." : "")
        + "), not a single directory";
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null ? kind : kind + ": " + message;
  }

  private static String compression(Format format) {
    switch (format) {
      case TAR_GZIP:
        return "gzip";
      case TAR_BZIP2:
        return "bzip2";
      case TAR_XZ:
        return "xz";
      default:
        return format.label();
    }
  }

  private static InputStream open(Format format, InputStream raw) throws IOException {
    try {
      switch (format) {
        case TAR:
          return raw;
        case TAR_GZIP:
          return new GzipCompressorInputStream(raw, true);
        case TAR_BZIP2:
          return new BZip2CompressorInputStream(raw, true);
        case TAR_XZ:
          return new XZCompressorInputStream(raw, true);
        default:
          throw new IllegalArgumentException(format + " is not a tar stream");
      }
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static boolean starts(byte[] head, int... magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] readUpTo(InputStream in, int size) throws IOException {
    byte[] buffer = new byte[size];
    int filled = 0;
    while (filled < size) {
      int n = in.read(buffer, filled, size - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    if (filled == size) {
      return buffer;
    }
    byte[] shorter = new byte[filled];
    System.arraycopy(buffer, 0, shorter, 0, filled);
    return shorter;
  }

  /** Whether a block is a tar header: the ustar magic, or (old v7 archives) a valid checksum. */
  static boolean isTar(byte[] block) {
    if (block.length < BLOCK) {
      return false;
    }
    if (block[257] == 'u'
        && block[258] == 's'
        && block[259] == 't'
        && block[260] == 'a'
        && block[261] == 'r') {
      return true;
    }
    long unsigned = 0;
    long signed = 0;
    boolean blank = true;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i >= 148 && i < 156 ? (byte) ' ' : block[i];
      unsigned += b & 0xff;
      signed += b;
      blank &= block[i] == 0;
    }
    if (blank) {
      return false;
    }
    long recorded = 0;
    int i = 148;
    while (i < 156 && block[i] == ' ') {
      i++;
    }
    int digits = 0;
    for (; i < 156 && block[i] >= '0' && block[i] <= '7'; i++, digits++) {
      recorded = recorded * 8 + (block[i] - '0');
    }
    return digits > 0 && (recorded == unsigned || recorded == signed);
  }

  private static void restrict(Path directory) {
    try {
      Files.setPosixFilePermissions(directory, PRIVATE);
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the directory keeps its default permissions
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ,
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  private static void setMode(Path path, int mode) throws IOException {
    try {
      Files.setPosixFilePermissions(path, permissions(mode));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: modes cannot be kept
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      deleteTree(path);
    } catch (IOException e) {
      // best effort: the engine removes registered paths it finds later
    }
  }

  /** Deletes a file or a directory tree ({@link Tree#delete}). */
  static void deleteTree(Path path) throws IOException {
    Tree.delete(path);
  }

  /** One unpack in progress: the staging root and what has been written into it. */
  private static final class Extraction {
    private final String label;
    private final Path root;
    private final Limits limits;
    private final Map<Path, Integer> directoryModes = new HashMap<>();
    private long entries;
    private long bytes;
    private @Nullable String current;

    Extraction(String label, Path root, Limits limits) {
      this.label = label;
      this.root = root;
      this.limits = limits;
    }

    void tar(InputStream in) throws IOException {
      TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = entry.getName();
        begin(name);
        byte type = entry.getLinkFlag();
        if (entry.isSymbolicLink()) {
          symlink(name, entry.getLinkName());
        } else if (entry.isLink()) {
          hardLink(name, entry.getLinkName());
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
          throw refused(name, "is a device file");
        } else if (entry.isFIFO()) {
          throw refused(name, "is a FIFO (named pipe)");
        } else if (type == TarConstants.LF_DIR || type == 'D') {
          directory(name, entry.getMode());
        } else if (type == TarConstants.LF_NORMAL
            || type == TarConstants.LF_OLDNORM
            || type == TarConstants.LF_CONTIG
            || type == TarConstants.LF_GNUTYPE_SPARSE) {
          if (name.endsWith("/")) {
            directory(name, entry.getMode());
          } else {
            file(name, entry.getMode(), tar, entry.getRealSize());
          }
        } else {
          throw refused(name, "has a type this unpacker does not handle ('" + (char) type + "')");
        }
      }
    }

    void zip(Path archive) throws IOException {
      try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
        Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
        while (all.hasMoreElements()) {
          ZipArchiveEntry entry = all.nextElement();
          String name = entry.getName();
          begin(name);
          int unix = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() : 0;
          int type = unix & 0170000;
          int mode = unix & 0777;
          if (entry.isUnixSymlink()) {
            symlink(name, zip.getUnixSymlink(entry));
          } else if (type == 0020000 || type == 0060000) {
            throw refused(name, "is a device file");
          } else if (type == 0010000) {
            throw refused(name, "is a FIFO (named pipe)");
          } else if (type == 0140000) {
            throw refused(name, "is a socket");
          } else if (entry.isDirectory() || type == 0040000) {
            directory(name, mode == 0 ? 0755 : mode);
          } else {
            try (InputStream in = zip.getInputStream(entry)) {
              file(name, mode == 0 ? 0644 : mode, in, entry.getSize());
            }
          }
        }
      }
    }

    private void begin(String name) {
      current = name;
      entries++;
      if (entries > limits.maxEntries()) {
        throw refused(
            name, "is one entry too many: the limit is " + limits.maxEntries() + " entries");
      }
    }

    private UnpackException refused(String entry, String reason) {
      return new UnpackException(
          label, entry, "Refusing to unpack " + label + ": entry '" + entry + "' " + reason, null);
    }

    /**
     * The components of an entry name or link target inside the archive: empty and {@code .}
     * components dropped; absolute names and {@code ..} components refused.
     */
    private List<String> components(String entry, String name, boolean linkTarget) {
      if (name.isEmpty()) {
        throw refused(entry, linkTarget ? "is a hard link to nothing" : "has an empty name");
      }
      if (name.indexOf('\0') >= 0) {
        throw refused(
            entry,
            linkTarget
                ? "is a hard link to a name with a NUL character"
                : "has a NUL character in its name");
      }
      if (name.startsWith("/")
          || name.startsWith("\\")
          || name.length() > 2
              && Character.isLetter(name.charAt(0))
              && name.charAt(1) == ':'
              && (name.charAt(2) == '/' || name.charAt(2) == '\\')) {
        throw refused(
            entry,
            (linkTarget
                    ? "is a hard link to an absolute path ('" + name + "')"
                    : "is an absolute path")
                + ": it would land outside the target");
      }
      List<String> components = new ArrayList<>();
      for (String component : name.split("/")) {
        if (component.isEmpty() || component.equals(".")) {
          continue;
        }
        if (component.equals("..") || List.of(component.split("\\\\")).contains("..")) {
          throw refused(
              entry,
              (linkTarget
                      ? "is a hard link to a path with a '..' component ('" + name + "')"
                      : "has a '..' component")
                  + ": it could land outside the target");
        }
        components.add(component);
      }
      return components;
    }

    private String shown(Path path) {
      return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    private static @Nullable BasicFileAttributes attributes(Path path) throws IOException {
      try {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    /**
     * The real directory at {@code components} under the root, following symbolic links only where
     * they lead to directories inside the root; missing directories are created if {@code create},
     * else null is returned.
     */
    private @Nullable Path directory(String entry, List<String> components, boolean create)
        throws IOException {
      Path current = root;
      for (String component : components) {
        Path next = resolve(entry, current, component);
        BasicFileAttributes attributes = attributes(next);
        if (attributes == null) {
          if (!create) {
            return null;
          }
          Files.createDirectory(next);
          current = next;
        } else if (attributes.isSymbolicLink()) {
          current = followInside(entry, next);
        } else if (attributes.isDirectory()) {
          current = next;
        } else {
          throw refused(
              entry,
              "needs " + shown(next) + " to be a directory, but an earlier entry made it a file");
        }
      }
      return current;
    }

    private Path resolve(String entry, Path directory, String component) {
      try {
        return directory.resolve(component);
      } catch (InvalidPathException e) {
        throw refused(entry, "has a name this file system cannot hold (" + e.getMessage() + ")");
      }
    }

    /** The real directory a symbolic link under the root leads to, if it is inside the root. */
    private Path followInside(String entry, Path link) throws IOException {
      String to = Files.readSymbolicLink(link).toString();
      Path real;
      try {
        real = link.toRealPath();
      } catch (IOException e) {
        throw refused(
            entry,
            "would be written through the symbolic link "
                + shown(link)
                + " -> "
                + to
                + ", which leads nowhere (or loops)");
      }
      if (!real.startsWith(root)) {
        throw refused(
            entry,
            "would be written outside the target, through the symbolic link "
                + shown(link)
                + " -> "
                + to
                + " (which leads to "
                + real
                + ")");
      }
      if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
        throw refused(
            entry,
            "would be written through the symbolic link "
                + shown(link)
                + " -> "
                + to
                + ", which is not a directory");
      }
      return real;
    }

    /** Where a non-directory entry goes: its parent created, a file or link in the way removed. */
    private Path place(String entry, List<String> components) throws IOException {
      if (components.isEmpty()) {
        throw refused(entry, "names the top of the archive, but is not a directory");
      }
      Path parent = directory(entry, components.subList(0, components.size() - 1), true);
      Path destination = resolve(entry, parent, components.get(components.size() - 1));
      clear(entry, destination);
      return destination;
    }

    /** Removes the file or link at {@code destination}, if any; refuses to replace a directory. */
    private void clear(String entry, Path destination) throws IOException {
      BasicFileAttributes existing = attributes(destination);
      if (existing != null) {
        if (existing.isDirectory()) {
          throw refused(
              entry,
              "would replace the directory " + shown(destination) + " made by an earlier entry");
        }
        Files.delete(destination);
      }
    }

    void directory(String name, int mode) throws IOException {
      List<String> components = components(name, name, false);
      Path directory = components.isEmpty() ? root : directory(name, components, true);
      directoryModes.put(directory, mode & 0777);
    }

    void file(String name, int mode, InputStream content, long size) throws IOException {
      List<String> components = components(name, name, false);
      if (size > limits.maxBytes() - bytes) {
        throw refused(
            name,
            "is too large: the archive would unpack to more than " + limits.maxBytes() + " bytes");
      }
      Path destination = place(name, components);
      byte[] buffer = new byte[64 * 1024];
      try (OutputStream out =
          Files.newOutputStream(
              destination,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        int n;
        while ((n = content.read(buffer)) > 0) {
          bytes += n;
          if (bytes > limits.maxBytes()) {
            throw refused(
                name,
                "is too large: the archive would unpack to more than "
                    + limits.maxBytes()
                    + " bytes");
          }
          out.write(buffer, 0, n);
        }
      }
      setMode(destination, mode & 0777);
    }

    void symlink(String name, String to) throws IOException {
      List<String> components = components(name, name, false);
      if (to == null || to.isEmpty()) {
        throw refused(name, "is a symbolic link to nothing (its target is empty)");
      }
      if (to.indexOf('\0') >= 0) {
        throw refused(name, "is a symbolic link whose target contains a NUL character");
      }
      Path link = place(name, components);
      Path target;
      try {
        target = link.getFileSystem().getPath(to);
      } catch (InvalidPathException e) {
        throw refused(name, "is a symbolic link to a path this file system cannot hold: " + to);
      }
      Files.createSymbolicLink(link, target);
    }

    void hardLink(String name, String to) throws IOException {
      List<String> components = components(name, name, false);
      if (to == null || to.isEmpty()) {
        throw refused(name, "is a hard link to nothing (its target is empty)");
      }
      List<String> targetComponents = components(name, to, true);
      if (targetComponents.isEmpty()) {
        throw refused(name, "is a hard link to the top of the archive");
      }
      Path parent =
          directory(name, targetComponents.subList(0, targetComponents.size() - 1), false);
      Path existing =
          parent == null
              ? null
              : resolve(name, parent, targetComponents.get(targetComponents.size() - 1));
      BasicFileAttributes attributes = existing == null ? null : attributes(existing);
      if (existing == null || attributes == null) {
        throw refused(
            name,
            "is a hard link to '" + to + "', which no earlier entry of the archive has unpacked");
      }
      if (attributes.isSymbolicLink()) {
        Path real;
        try {
          real = existing.toRealPath();
        } catch (IOException e) {
          throw refused(
              name,
              "is a hard link to '" + to + "', a symbolic link that leads nowhere (or loops)");
        }
        if (!real.startsWith(root)) {
          throw refused(
              name,
              "is a hard link to '"
                  + to
                  + "', a symbolic link that leads outside the target (to "
                  + real
                  + ")");
        }
        existing = real;
        attributes = attributes(real);
      }
      if (attributes == null || !attributes.isRegularFile()) {
        throw refused(name, "is a hard link to '" + to + "', which is not a regular file");
      }
      if (components.isEmpty()) {
        throw refused(name, "names the top of the archive, but is not a directory");
      }
      Path parentOfLink = directory(name, components.subList(0, components.size() - 1), true);
      Path destination = resolve(name, parentOfLink, components.get(components.size() - 1));
      if (destination.equals(existing)) {
        return;
      }
      clear(name, destination);
      Files.createLink(destination, existing);
    }

    /** Gives every directory its mode from the archive, deepest first, except {@code skip}. */
    void applyDirectoryModes(Path skip) throws IOException {
      List<Path> directories = new ArrayList<>(directoryModes.keySet());
      directories.sort(Comparator.comparingInt(Path::getNameCount).reversed());
      for (Path directory : directories) {
        if (!directory.equals(skip) && Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
          setMode(directory, directoryModes.get(directory));
        }
      }
    }

    /** Gives {@code moved}'s mode from the archive, if it had one, to where it now is. */
    void applyDirectoryMode(Path moved, Path now) throws IOException {
      Integer mode = directoryModes.get(moved);
      if (mode != null) {
        setMode(now, mode);
      }
    }
  }
}

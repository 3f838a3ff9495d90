import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Makes the sample's source archives: {@code SOURCES/NAME-VERSION/} becomes
 * {@code DIST/NAME-VERSION.tar.xz}, the way an upstream project publishes a release.
 *
 * <p>The samples' {@code run} script calls it (a single-file program, run with the buildout4j
 * command line's jar on the class path for Commons Compress and XZ) before installing the software
 * release. The archives are reproducible, byte for byte, whoever makes them and whenever: entries in
 * name order, a fixed date, owner 0, modes 0755 or 0644 only, and XZ from the pinned pure-Java
 * encoder. That is what lets the components pin their {@code md5sum}.
 *
 * <pre>java -cp buildout4j-cli-all.jar SourceTarball.java SOURCES DIST</pre>
 *
 * Prints each archive's MD5 and path.
 */
public final class SourceTarball {
  private static final Instant RELEASE_DATE = Instant.parse("2026-01-01T00:00:00Z");

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SourceTarball SOURCES-DIRECTORY DIST-DIRECTORY");
      System.exit(2);
    }
    Path sources = Path.of(args[0]);
    Path dist = Path.of(args[1]);
    if (!Files.isDirectory(sources)) {
      System.err.println("SourceTarball: no source directory " + sources.toAbsolutePath());
      System.exit(1);
    }
    Files.createDirectories(dist);
    for (Path release : children(sources)) {
      if (Files.isDirectory(release)) {
        Path archive = dist.resolve(release.getFileName() + ".tar.xz");
        write(release, archive);
        System.out.println(md5(archive) + "  " + archive);
      }
    }
  }

  /** Writes the archive next to its final place, then moves it there: never half an archive. */
  private static void write(Path release, Path archive) throws IOException {
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    try (OutputStream file = Files.newOutputStream(partial);
        XZOutputStream xz = new XZOutputStream(file, new LZMA2Options(6));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      add(tar, release, release.getFileName().toString());
    }
    Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void add(TarArchiveOutputStream tar, Path path, String name) throws IOException {
    boolean directory = Files.isDirectory(path);
    TarArchiveEntry entry = new TarArchiveEntry(directory ? name + "/" : name);
    entry.setModTime(RELEASE_DATE.toEpochMilli());
    entry.setIds(0, 0);
    entry.setNames("", "");
    int permissions = directory || Files.isExecutable(path) ? 0755 : 0644;
    entry.setMode(entry.getMode() & ~0777 | permissions);
    if (!directory) {
      entry.setSize(Files.size(path));
    }
    tar.putArchiveEntry(entry);
    if (!directory) {
      try (InputStream in = Files.newInputStream(path)) {
        in.transferTo(tar);
      }
    }
    tar.closeArchiveEntry();
    if (directory) {
      for (Path child : children(path)) {
        add(tar, child, name + "/" + child.getFileName());
      }
    }
  }

  private static List<Path> children(Path directory) throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      List<Path> children = new ArrayList<>(list.toList());
      children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
      return children;
    }
  }

  private static String md5(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no MD5", e);
    }
  }
}

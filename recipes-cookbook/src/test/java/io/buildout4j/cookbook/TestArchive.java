package io.buildout4j.cookbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * Builds real archives for tests, in any {@link Unpacker.Format}, with entry names written exactly
 * as given (absolute paths and {@code ..} included): directories, files with modes, symbolic links,
 * hard links and special files (tar; zip has no hard links).
 */
final class TestArchive {
  private sealed interface Entry permits Dir, File, Symlink, HardLink, Special {}

  private record Dir(String name, int mode) implements Entry {}

  private record File(String name, int mode, byte[] content) implements Entry {}

  private record Symlink(String name, String target) implements Entry {}

  private record HardLink(String name, String target) implements Entry {}

  private record Special(String name, byte tarType, int zipType) implements Entry {}

  private final List<Entry> entries = new ArrayList<>();

  TestArchive dir(String name, int mode) {
    entries.add(new Dir(name.endsWith("/") ? name : name + "/", mode));
    return this;
  }

  TestArchive file(String name, int mode, String content) {
    entries.add(new File(name, mode, content.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  TestArchive file(String name, String content) {
    return file(name, 0644, content);
  }

  TestArchive symlink(String name, String target) {
    entries.add(new Symlink(name, target));
    return this;
  }

  TestArchive hardLink(String name, String target) {
    entries.add(new HardLink(name, target));
    return this;
  }

  TestArchive characterDevice(String name) {
    entries.add(new Special(name, TarConstants.LF_CHR, 0020000));
    return this;
  }

  TestArchive fifo(String name) {
    entries.add(new Special(name, TarConstants.LF_FIFO, 0010000));
    return this;
  }

  /** Whether {@code format} can express every entry (zip has no hard links). */
  boolean expressibleIn(Unpacker.Format format) {
    return format != Unpacker.Format.ZIP || entries.stream().noneMatch(e -> e instanceof HardLink);
  }

  /** Writes the archive to {@code file} in {@code format}; returns {@code file}. */
  Path write(Path file, Unpacker.Format format) throws IOException {
    if (!expressibleIn(format)) {
      throw new UnsupportedOperationException("zip archives have no hard links");
    }
    if (format == Unpacker.Format.ZIP) {
      writeZip(file);
    } else {
      try (OutputStream raw = Files.newOutputStream(file);
          OutputStream out = compress(format, raw)) {
        writeTar(out);
      }
    }
    return file;
  }

  private static OutputStream compress(Unpacker.Format format, OutputStream raw)
      throws IOException {
    switch (format) {
      case TAR:
        return new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            raw.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            raw.write(b, off, len);
          }
        };
      case TAR_GZIP:
        return new GzipCompressorOutputStream(raw);
      case TAR_BZIP2:
        return new BZip2CompressorOutputStream(raw);
      case TAR_XZ:
        return new XZCompressorOutputStream(raw);
      default:
        throw new IllegalArgumentException(format.toString());
    }
  }

  private void writeTar(OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    for (Entry entry : entries) {
      TarArchiveEntry tarEntry;
      byte[] content = new byte[0];
      if (entry instanceof Dir dir) {
        tarEntry = new TarArchiveEntry(dir.name(), true);
        tarEntry.setMode(dir.mode());
      } else if (entry instanceof File file) {
        tarEntry = new TarArchiveEntry(file.name(), true);
        tarEntry.setMode(file.mode());
        tarEntry.setSize(file.content().length);
        content = file.content();
      } else if (entry instanceof Symlink link) {
        tarEntry = new TarArchiveEntry(link.name(), TarConstants.LF_SYMLINK, true);
        tarEntry.setLinkName(link.target());
        tarEntry.setMode(0777);
      } else if (entry instanceof HardLink link) {
        tarEntry = new TarArchiveEntry(link.name(), TarConstants.LF_LINK, true);
        tarEntry.setLinkName(link.target());
        tarEntry.setMode(0644);
      } else {
        Special special = (Special) entry;
        tarEntry = new TarArchiveEntry(special.name(), special.tarType(), true);
        tarEntry.setMode(0644);
      }
      tar.putArchiveEntry(tarEntry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    tar.finish();
  }

  private void writeZip(Path file) throws IOException {
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
      for (Entry entry : entries) {
        ZipArchiveEntry zipEntry;
        byte[] content = new byte[0];
        if (entry instanceof Dir dir) {
          zipEntry = new ZipArchiveEntry(dir.name());
          zipEntry.setUnixMode(0040000 | dir.mode());
        } else if (entry instanceof File f) {
          zipEntry = new ZipArchiveEntry(f.name());
          zipEntry.setUnixMode(0100000 | f.mode());
          content = f.content();
        } else if (entry instanceof Symlink link) {
          zipEntry = new ZipArchiveEntry(link.name());
          zipEntry.setUnixMode(0120777);
          content = link.target().getBytes(StandardCharsets.UTF_8);
        } else {
          Special special = (Special) entry;
          zipEntry = new ZipArchiveEntry(special.name());
          zipEntry.setUnixMode(special.zipType() | 0644);
        }
        zip.putArchiveEntry(zipEntry);
        zip.write(content);
        zip.closeArchiveEntry();
      }
      zip.finish();
    }
  }
}

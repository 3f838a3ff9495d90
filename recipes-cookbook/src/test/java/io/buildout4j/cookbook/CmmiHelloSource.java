package io.buildout4j.cookbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A tiny C program with an autoconf-like {@code configure} (a hand-written shell script that writes
 * a Makefile honouring {@code --prefix} and {@code --with-greeting}), and a patch for it.
 */
final class CmmiHelloSource {
  static final String TOP = "hello-1.0";

  static final String CONFIGURE =
      """
      #!/bin/sh
      prefix=/usr/local
      greeting=Hello
      for arg in "$@"; do
        case "$arg" in
          --prefix=*) prefix="${arg#--prefix=}" ;;
          --with-greeting=*) greeting="${arg#--with-greeting=}" ;;
          *) echo "configure: unknown option $arg" >&2; exit 1 ;;
        esac
      done
      echo "configure: prefix=$prefix greeting=$greeting"
      cat > Makefile <<MAKEFILE
      prefix = $prefix
      all: hello
      \t@echo "makeflags=[\\$(MAKEFLAGS)]"
      hello: hello.c
      \tcc \\$(CFLAGS) -DGREETING='"$greeting"' -o hello hello.c
      install: hello
      \tmkdir -p \\$(prefix)/bin
      \tcp hello \\$(prefix)/bin/hello
      MAKEFILE
      """;

  static final String HELLO_C =
      """
      #include <stdio.h>
      #ifndef TARGET
      #define TARGET "nobody"
      #endif
      int main(void) {
        printf("%s, %s!\\n", GREETING, TARGET);
        return 0;
      }
      """;

  /** Applied with patch -p0 from the top of the source tree. */
  static final String PATCH =
      """
      --- hello.c
      +++ hello.c
      @@ -5,4 +5,4 @@
       int main(void) {
      -  printf("%s, %s!\\n", GREETING, TARGET);
      +  printf("%s, %s! (patched)\\n", GREETING, TARGET);
         return 0;
       }
      """;

  private CmmiHelloSource() {}

  static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("configure", CONFIGURE);
    files.put("hello.c", HELLO_C);
    return files;
  }

  /** Writes the source tree into {@code directory} (created). */
  static Path writeTree(Path directory) throws IOException {
    Files.createDirectories(directory);
    for (Map.Entry<String, String> file : files().entrySet()) {
      Path path = directory.resolve(file.getKey());
      Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      if (file.getKey().equals("configure")) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    return directory;
  }

  /** Writes {@code hello-1.0.tar.gz} (one top-level directory) at {@code archive}. */
  static Path writeTarball(Path archive) throws IOException {
    try (OutputStream file = Files.newOutputStream(archive);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
      TarArchiveEntry top = new TarArchiveEntry(TOP + "/");
      top.setMode(040755);
      tar.putArchiveEntry(top);
      tar.closeArchiveEntry();
      for (Map.Entry<String, String> entry : files().entrySet()) {
        byte[] bytes = entry.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry tarEntry = new TarArchiveEntry(TOP + "/" + entry.getKey());
        tarEntry.setSize(bytes.length);
        tarEntry.setMode(entry.getKey().equals("configure") ? 0100755 : 0100644);
        tar.putArchiveEntry(tarEntry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return archive;
  }
}

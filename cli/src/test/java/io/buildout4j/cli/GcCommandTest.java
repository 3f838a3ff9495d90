package io.buildout4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.InstalledPart;
import io.buildout4j.engine.InstalledState;
import io.buildout4j.engine.InstalledStateFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gc --shared}: which shared parts no buildout reaches, listed or removed. */
class GcCommandTest {
  @TempDir Path dir;
  Path shared;
  Path used;
  Path usedDependency;
  Path unused;
  Path unfinished;
  private String out;
  private String err;

  private int run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        new Main(
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                dir)
            .run(List.of(args));
    out = stdout.toString(StandardCharsets.UTF_8);
    err = stderr.toString(StandardCharsets.UTF_8);
    return status;
  }

  private Path sharedPart(String name, String hash, boolean finished, String mentions)
      throws IOException {
    Path part = Files.createDirectories(shared.resolve(name).resolve(hash));
    Files.writeString(part.resolve("payload"), "x".repeat(1000));
    Files.writeString(part.resolveSibling(hash + ".lock"), "");
    if (finished) {
      Files.writeString(
          part.resolve(".buildout-shared.json"),
          "{\"options\": {\"configure-options\": \"--with-lib=" + mentions + "\"}}\n");
    }
    return part;
  }

  @BeforeEach
  void setUp() throws IOException {
    shared = Files.createDirectories(dir.resolve("shared"));
    usedDependency = sharedPart("zlib", "aaaa", true, "");
    used = sharedPart("curl", "bbbb", true, usedDependency + "/lib");
    unused = sharedPart("curl", "cccc", true, "");
    unfinished = sharedPart("openssl", "dddd", false, "");
    Path buildout = Files.createDirectories(dir.resolve("instance"));
    InstalledStateFile.write(
        buildout.resolve(".installed.cfg"),
        new InstalledState(
            "",
            List.of(
                new InstalledPart(
                    "app",
                    Map.of("recipe", "cmmi", "environment", "PATH=" + used + "/bin:/usr/bin"),
                    List.of(buildout.resolve("parts/app").toString()))),
            List.of()));
  }

  @Test
  void aDryRunListsWhatNoBuildoutReachesAndRemovesNothing() {
    assertEquals(0, run("gc", "--shared", "shared", "instance"), err);
    assertTrue(out.contains("Would remove " + unused + " (0.0 MB)"), out);
    assertTrue(out.contains("Would remove " + unfinished + " (unfinished, 0.0 MB)"), out);
    assertFalse(out.contains(used.toString()), out);
    assertFalse(out.contains(usedDependency.toString()), out);
    assertTrue(out.contains("Would remove 2 of 4 shared parts"), out);
    assertTrue(out.contains("2 reached by 1 buildout. Add --delete to remove them."), out);
    assertTrue(Files.exists(unused));
  }

  @Test
  void deleteRemovesOnlyTheUnreachedParts() {
    assertEquals(0, run("gc", "--shared", "shared", "instance", "--delete"), err);
    assertFalse(Files.exists(unused));
    assertFalse(Files.exists(unfinished));
    assertFalse(Files.exists(shared.resolve("curl/cccc.lock")));
    assertTrue(Files.exists(used.resolve("payload")));
    assertTrue(Files.exists(usedDependency.resolve("payload")), "reached through curl's marker");
  }

  @Test
  void withoutBuildoutsEverySharedPartIsUnreachedAndDeleteIsRefused() {
    assertEquals(0, run("gc", "--shared", "shared"), err);
    assertTrue(out.contains("Would remove 4 of 4 shared parts"), out);
    assertEquals(1, run("gc", "--shared", "shared", "--delete"));
    assertTrue(err.contains("--delete names no buildout: every shared part would be removed"), err);
    assertTrue(Files.exists(used.resolve("payload")), "nothing removed");
  }

  @Test
  void aPartWhoseLockIsHeldIsKept() throws IOException {
    try (FileChannel channel =
            FileChannel.open(shared.resolve("openssl/dddd.lock"), StandardOpenOption.WRITE);
        var lock = channel.lock()) {
      assertEquals(0, run("gc", "--shared", "shared", "instance", "--delete"), err);
    }
    assertTrue(out.contains("In use (an install holds its lock), kept: " + unfinished), out);
    assertTrue(Files.exists(unfinished));
    assertFalse(Files.exists(unused));
  }

  @Test
  void errorsNameWhatIsWrong() {
    assertEquals(1, run("gc", "instance"));
    assertTrue(err.contains("gc needs --shared DIR"), err);
    assertEquals(1, run("gc", "--shared", "nowhere"));
    assertTrue(err.contains("No shared-part directory at " + dir.resolve("nowhere")), err);
    assertEquals(1, run("gc", "--shared", "shared", "missing-buildout"));
    assertTrue(err.contains("No installed buildout at " + dir.resolve("missing-buildout")), err);
  }
}

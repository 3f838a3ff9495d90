package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.testing.Halt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths an update registers with {@code Part.created()}: "If the call fails, or the process dies
 * before the part is recorded, they are deleted". Install keeps that promise (a pending record with
 * every registered path is written before the recipe creates anything); so does update: each path
 * it registers is added to the part's record before it is created, so it is removed when the update
 * fails, and when the process dies before the update is recorded and the part is later uninstalled.
 */
class EngineUpdateRegistrationTest {
  private static final String PROFILE =
      """
      [buildout]
      parts = keep tool

      [keep]
      recipe = test:halting-files
      files = one.txt = K

      [tool]
      recipe = test:halting-files
      files = two.txt = T
      extra = ${buildout:directory}/bin/tool-extra
      """;

  @TempDir Path directory;
  EngineFixture fixture;
  Path extra;

  @BeforeEach
  void setUp() {
    fixture = new EngineFixture(directory);
    extra = directory.resolve("bin").resolve("tool-extra");
  }

  @Test
  void anUpdateRecordsThePathItRegisteredAndCreated() throws IOException {
    fixture.profile(PROFILE);
    fixture.install();
    fixture.install();
    assertEquals(
        List.of(fixture.part("tool").toString(), extra.toString()),
        fixture.state().part("tool").orElseThrow().paths());
    fixture.profile(PROFILE.replace("parts = keep tool", "parts = keep"));
    fixture.install();
    assertFalse(Files.exists(extra));
  }

  @Test
  void aFailingUpdateRemovesThePathsItRegistered() throws IOException {
    fixture.profile(PROFILE + "fail = update\n");
    fixture.install();
    RunFailedException e = assertThrows(RunFailedException.class, fixture::install);
    assertEquals(List.of("Installing.", "Updating tool."), e.whileChain());
    assertFalse(Files.exists(fixture.part("tool")));
    assertFalse(Files.exists(extra), "the path the failed update registered is left behind");
  }

  @Test
  void aPathAnInterruptedUpdateRegisteredIsRemovedWithThePart() throws Exception {
    fixture.profile(PROFILE);
    fixture.install();
    try (ChildProcess child =
        ChildProcess.start(directory.resolve("buildout.cfg"), "update-end:tool")) {
      assertEquals(Halt.STATUS, child.waitFor(), child.output());
    }
    assertTrue(Files.exists(extra));
    InstalledState state = fixture.state();
    assertTrue(
        Stream.concat(state.parts().stream(), state.pending().stream())
            .anyMatch(p -> p.paths().contains(extra.toString())),
        "the registered path is recorded nowhere: " + state);
    fixture.profile(PROFILE.replace("parts = keep tool", "parts = keep"));
    fixture.install();
    assertFalse(Files.exists(fixture.part("tool")));
    assertFalse(Files.exists(extra), "the path the interrupted update registered is left behind");
  }
}

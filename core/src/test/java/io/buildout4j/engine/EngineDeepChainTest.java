package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of parts deeper than the resolver keeps on the caller's stack (it hands deeper resolution
 * over to a helper thread, {@code DeepCalls}): the helper thread creates recipes, whose hook reads
 * options through {@code SectionOptions}, which takes the profile's lock, held by the caller
 * waiting for the helper: the run never ends. Found by {@code PlanBenchmark} (500 parts listed last
 * first).
 */
class EngineDeepChainTest {
  private static final int DEPTH = 120;

  @TempDir Path directory;

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLongChainOfPartsReferencedFromTheLastInstalls() throws IOException {
    EngineFixture fixture = new EngineFixture(directory);
    StringBuilder profile = new StringBuilder("[buildout]\nparts = p" + (DEPTH - 1) + "\n");
    for (int i = 0; i < DEPTH; i++) {
      profile.append("\n[p").append(i).append("]\nrecipe = test:files\nfiles = x = ");
      profile.append(i == 0 ? "start" : "${p" + (i - 1) + ":location}").append('\n');
    }
    fixture.profile(profile.toString());
    assertEquals(DEPTH, fixture.plan().order().size());
    fixture.install();
    assertEquals(DEPTH, fixture.state().parts().size());
    assertEquals(fixture.part("p0") + "\n", Files.readString(fixture.part("p1").resolve("x")));
  }
}

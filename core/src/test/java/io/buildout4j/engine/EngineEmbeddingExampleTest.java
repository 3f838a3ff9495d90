package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildout4j.profile.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Installing parts" example of docs/embedding.md, kept true by running it. */
class EngineEmbeddingExampleTest {
  @TempDir Path dir;

  @Test
  void theEmbeddingExampleInstallsAndThenPlansUpdates() throws IOException {
    Files.writeString(
        dir.resolve("buildout.cfg"),
        "[buildout]\nparts = a b\n[a]\nrecipe = test:files\n[b]\nrecipe = test:files\n"
            + "files = x\ncontent = ${a:location}\n");
    // --- docs/embedding.md ---
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Buildout buildout =
        Buildout.builder(dir.resolve("buildout.cfg"))
            .loader(Profiles.loader().userDefaults(false))
            .jobs(4) // default: [buildout] jobs, else 1
            .listener(
                new BuildListener() { // called from the part threads
                  @Override
                  public void partStarted(String part, Action action) {
                    seen.add(action.label() + " " + part);
                  }
                })
            .build();
    Plan plan = buildout.plan(); // changes nothing
    PartPlan first = plan.part(plan.order().get(0)); // e.g. install, "not installed"
    RunReport report = buildout.install(); // RunFailedException if a part fails
    Plan again = buildout.plan(); // now every part would be updated
    // --- end ---
    assertEquals(Action.INSTALL, first.action());
    assertEquals("not installed", first.reason());
    assertEquals(List.of("install a", "install b"), seen);
    assertEquals(List.of("a", "b"), report.parts(PartOutcome.Status.DONE));
    assertEquals(List.of("a", "b"), again.withAction(Action.UPDATE));
  }
}

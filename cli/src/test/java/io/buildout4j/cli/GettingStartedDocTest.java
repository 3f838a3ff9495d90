package io.buildout4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.cli.docs.DocPage;
import io.buildout4j.cli.docs.DocSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docs/getting-started.md's tutorial as written ({@link DocSession}): its profile is written
 * into one directory, which the page shows as {@code /home/me/hello}, and its commands are run
 * there in order, each output checked line by line.
 */
class GettingStartedDocTest {
  @Test
  void theTutorialRunsAsShown(@TempDir Path directory) throws Exception {
    DocPage page = DocPage.read("getting-started.md");
    DocSession session = new DocSession(page, directory, "/home/me/hello").runAll(page.blocks());
    assertEquals(1, session.filesWritten(), "profiles written from " + page.name());
    assertTrue(session.commandsRun() >= 10, "only " + session.commandsRun() + " commands run");
  }
}

package io.buildout4j.cli;

import io.buildout4j.cli.docs.DocPage;
import io.buildout4j.cli.docs.DocSession;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docs/cli.md's examples as written ({@link DocSession}): under each heading, the files shown
 * are written into a directory of their own, which the page shows as {@code /home/me/demo}, and the
 * commands (installs and uninstalls with the cookbook's offline recipes included) are run there,
 * each output checked line by line.
 */
class CliDocTest {
  private static final String PAGE = "cli.md";

  @TestFactory
  Stream<DynamicTest> everyExampleRunsAsShown(@TempDir Path root) throws Exception {
    return DocSession.perHeading(DocPage.read(PAGE), root, "/home/me/demo");
  }

  @Test
  void thePageStillHasItsExamples() throws Exception {
    DocPage.read(PAGE).assertHasAtLeast(10, 50);
  }
}

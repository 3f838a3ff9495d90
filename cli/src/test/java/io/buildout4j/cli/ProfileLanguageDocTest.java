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
 * Runs docs/profile-language.md's examples as written ({@link DocSession}): under each heading, the
 * files shown are written into a directory of their own, which the page shows as {@code
 * /home/me/demo}, and the commands are run there, each output checked line by line.
 */
class ProfileLanguageDocTest {
  private static final String PAGE = "profile-language.md";

  @TestFactory
  Stream<DynamicTest> everyExampleRunsAsShown(@TempDir Path root) throws Exception {
    return DocSession.perHeading(DocPage.read(PAGE), root, "/home/me/demo");
  }

  @Test
  void thePageStillHasItsExamples() throws Exception {
    DocPage.read(PAGE).assertHasAtLeast(45, 80);
  }
}

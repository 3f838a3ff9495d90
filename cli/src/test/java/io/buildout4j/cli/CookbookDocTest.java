package io.buildout4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.cli.docs.DocBlock;
import io.buildout4j.cli.docs.DocPage;
import io.buildout4j.cli.docs.DocSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the examples of the cookbook's pages, docs/cookbook/*.md, as written ({@link DocSession}).
 * The blocks under a heading that writes a {@code buildout.cfg} start an example of their own, run
 * in a fresh directory that the page shows as {@link Page#shownDirectory}; the blocks under the
 * next headings that write none go on in that directory. Files are written and commands run in page
 * order, each output checked line by line. Each page must still write and run at least as many
 * files and commands as it does today, so that a page whose blocks stop being recognised fails.
 */
class CookbookDocTest {
  /** A page, the directory its outputs show, and how many files and commands it has at least. */
  record Page(String name, String shownDirectory, int files, int commands) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Page> pages() {
    return Stream.of(
        new Page("cookbook/download.md", "/srv/b", 3, 7),
        new Page("cookbook/download-unpacked.md", "/srv/b", 4, 16),
        new Page("cookbook/cmmi.md", "/srv/b", 6, 10),
        new Page("cookbook/command.md", "/srv/b", 1, 15),
        new Page("cookbook/template.md", "/srv/b", 2, 7),
        new Page("cookbook/jinja2.md", "/srv/b", 4, 6),
        new Page("cookbook/mkdirectory.md", "/srv/b", 1, 12),
        new Page("cookbook/gitclone.md", "/srv/b", 3, 17),
        new Page("cookbook/wrapper.md", "/srv/slapgrid/slappart0", 2, 15),
        new Page("cookbook/shared-parts.md", "/srv/b", 5, 14),
        new Page("cookbook/unpacking.md", "/srv/b", 1, 9));
  }

  /**
   * Whether the blocks under a heading start an example of their own: they write a {@code
   * buildout.cfg}. Those that do not go on with the example above them, in its directory.
   */
  private static boolean writesAProfile(List<DocBlock> blocks) {
    return blocks.stream().anyMatch(block -> "buildout.cfg".equals(block.fileName()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void theExamplesRunAsShown(Page page, @TempDir Path directory) throws Exception {
    DocPage doc = DocPage.read(page.name());
    int files = 0;
    int commands = 0;
    int example = 0;
    Path exampleDirectory = directory;
    for (Map.Entry<String, List<DocBlock>> group : doc.blocksByHeading().entrySet()) {
      if (exampleDirectory.equals(directory) || writesAProfile(group.getValue())) {
        exampleDirectory = Files.createDirectory(directory.resolve("example-" + ++example));
      }
      DocSession session =
          new DocSession(doc, exampleDirectory, page.shownDirectory()).runAll(group.getValue());
      files += session.filesWritten();
      commands += session.commandsRun();
    }
    assertTrue(
        files >= page.files(),
        page.name() + ": " + files + " files written, expected at least " + page.files());
    assertTrue(
        commands >= page.commands(),
        page.name() + ": " + commands + " commands run, expected at least " + page.commands());
  }
}

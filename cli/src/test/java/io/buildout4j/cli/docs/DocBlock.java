package io.buildout4j.cli.docs;

import java.util.List;

/**
 * A fenced block of a documentation page: its language (the word after the opening fence, empty
 * when there is none), its lines, and the line of the page where its first line is.
 *
 * @param language the info string of the fence, stripped
 * @param lines the lines between the fences
 * @param firstLine the 1-based page line of {@code lines.get(0)}
 * @param heading the heading the block is under (with its {@code #}s), empty before any
 */
public record DocBlock(String language, List<String> lines, int firstLine, String heading) {
  public DocBlock {
    lines = List.copyOf(lines);
  }

  /**
   * The name of the file this block is, when it is an {@code ini} (or {@code cfg}) block whose
   * first line is a comment naming a file ({@code # buildout.cfg}, {@code # base/base.cfg});
   * otherwise null: the block only illustrates and is not written.
   */
  public String fileName() {
    if ((language.equals("ini") || language.equals("cfg"))
        && lines.get(0).matches("# [\\w./-]+\\.(cfg|in|txt|conf)")) {
      return lines.get(0).substring(2);
    }
    return null;
  }

  /** Where this block is, for failure messages: {@code page.md:42 (## heading)}. */
  public String where(DocPage page) {
    return page.name() + ":" + firstLine + (heading.isEmpty() ? "" : " (" + heading + ")");
  }
}

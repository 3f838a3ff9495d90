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
  /**
   * A first line {@code # file: NAME} names the file a block of any language but {@code console} is
   * ({@code ```c} with {@code # file: hello-1.0/hello.c}, {@code ```sh}, {@code ```text}, ...);
   * unlike an {@code ini} block's {@code # NAME.cfg}, that line is not part of the file.
   */
  private static final String NAMED_FILE = "# file: [\\w./-]+";

  public DocBlock {
    lines = List.copyOf(lines);
  }

  /**
   * The name of the file this block is, when it is an {@code ini} (or {@code cfg}) block whose
   * first line is a comment naming a file ({@code # buildout.cfg}, {@code # base/base.cfg}), or a
   * block of another language but {@code console} whose first line is {@code # file: NAME};
   * otherwise null: the block only illustrates and is not written.
   */
  public String fileName() {
    if ((language.equals("ini") || language.equals("cfg"))
        && lines.get(0).matches("# [\\w./-]+\\.(cfg|in|txt|conf)")) {
      return lines.get(0).substring(2);
    }
    if (!language.equals("console") && lines.get(0).matches(NAMED_FILE)) {
      return lines.get(0).substring("# file: ".length());
    }
    return null;
  }

  /**
   * The text of the file this block is ({@link #fileName()}): its lines, without the first when
   * that is a {@code # file: NAME} line; ends with a newline.
   */
  public String fileContent() {
    List<String> content =
        !language.equals("console") && lines.get(0).matches(NAMED_FILE)
            ? lines.subList(1, lines.size())
            : lines;
    return content.isEmpty() ? "" : String.join("\n", content) + "\n";
  }

  /** Where this block is, for failure messages: {@code page.md:42 (## heading)}. */
  public String where(DocPage page) {
    return page.name() + ":" + firstLine + (heading.isEmpty() ? "" : " (" + heading + ")");
  }
}

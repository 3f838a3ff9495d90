package io.buildout4j.cookbook;

import io.buildout4j.recipe.DownloadRequest;
import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code template} ({@code slapos.recipe.template}, {@code collective.recipe.template}): a file
 * rendered with buildout's substitution. The template comes from {@code url} (fetched through the
 * download service, checked against {@code md5sum}), from {@code inline}, or, with
 * collective.recipe.template's names, from {@code input}; it is rendered when the part is created,
 * as upstream does, so the sections it references are ordered before the part. See {@code
 * docs/cookbook/template.md}.
 */
public final class TemplateRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of("template", "slapos.recipe.template", "collective.recipe.template");
  }

  @Override
  public Recipe create(Part part) {
    Options options = part.options();
    String section = options.section();
    boolean collective = options.get("recipe", "").strip().startsWith("collective.recipe.template");
    String output = options.get("output");
    if (output == null || output.isBlank()) {
      throw new RecipeException("Missing option: " + section + ":output");
    }
    Path target = part.directories().directory().resolve(output.strip()).normalize();
    Charset inputEncoding = charset(options, "input-encoding");
    Charset outputEncoding = charset(options, "output-encoding");
    Integer mode = OctalMode.read(options, "mode");
    boolean overwrite = true;
    String rendered;
    String inline = options.get("inline");
    String input = options.get("input");
    String url = options.get("url");
    if (collective && input != null && (inline != null || url != null)) {
      throw new RecipeException(
          section + ": give one of input, inline and url (collective.recipe.template)");
    }
    if (collective) {
      String value = options.get("overwrite", "true").strip().toLowerCase(java.util.Locale.ROOT);
      overwrite = Set.of("y", "yes", "1", "true").contains(value);
    }
    if (inline != null) {
      // The engine substituted the value when it was read; collective.recipe.template substitutes
      // it once more, after stripping its leading blank lines.
      rendered =
          collective
              ? TemplateSubstitution.substitute(
                  part, inline.stripLeading(), section + ":inline", true)
              : inline;
    } else if (input != null && input.startsWith("inline:")) {
      rendered =
          TemplateSubstitution.substitute(
              part, input.substring("inline:".length()).stripLeading(), section + ":input", true);
    } else if (input != null) {
      Path file = part.directories().directory().resolve(input.strip()).normalize();
      if (!Files.isRegularFile(file)) {
        throw new RecipeException(
            "Input file '" + input.strip() + "' does not exist (" + section + ":input)");
      }
      String where = section + ":input (" + file + ")";
      rendered =
          TemplateSubstitution.substitute(part, read(file, inputEncoding, where), where, true);
      if (mode == null) {
        mode = modeOf(file);
      }
    } else if (url != null && !url.isBlank()) {
      String md5sum = options.get("md5sum");
      Path file;
      try {
        file =
            part.downloads()
                .download(
                    new DownloadRequest(
                        url.strip(),
                        md5sum == null || md5sum.isBlank() ? null : md5sum.strip(),
                        null));
      } catch (IOException e) {
        throw new RecipeException(
            "Cannot fetch " + url.strip() + " (" + section + ":url): " + e.getMessage(), e);
      } catch (RecipeException e) {
        throw new RecipeException(e.getMessage() + " (" + section + ":url)", e);
      }
      String where = section + ":url (" + url.strip() + ")";
      rendered =
          TemplateSubstitution.substitute(
              part, read(file, inputEncoding, where), where, collective);
    } else {
      throw new RecipeException(
          "Missing option: "
              + section
              + ":url (or "
              + section
              + (collective ? ":input or " + section + ":inline)" : ":inline)"));
    }
    return new Render(
        part, target, rendered.getBytes(outputEncoding), mode, overwrite, section + ":output");
  }

  private static Charset charset(Options options, String option) {
    String name = options.get(option);
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new RecipeException(
          "Invalid value for "
              + options.section()
              + ":"
              + option
              + ": '"
              + name
              + "' (not an encoding Java knows)");
    }
  }

  static String read(Path file, Charset encoding, String where) {
    try {
      return encoding
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RecipeException(
          "Cannot read the template " + where + ": it is not " + encoding.name() + " text");
    } catch (IOException e) {
      throw new RecipeException("Cannot read the template " + where + ": " + e, e);
    }
  }

  private static @Nullable Integer modeOf(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      int mode = 0;
      for (int mask = 1; mask <= 0400; mask <<= 1) {
        if (permissions.containsAll(OctalMode.permissions(mask))) {
          mode |= mask;
        }
      }
      return mode;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Writes the rendered text; updates rewrite it if it changed or was altered. */
  private static final class Render implements Recipe {
    private final Part part;
    private final Path target;
    private final byte[] content;
    private final @Nullable Integer mode;
    private final boolean overwrite;
    private final String where;

    Render(
        Part part,
        Path target,
        byte[] content,
        @Nullable Integer mode,
        boolean overwrite,
        String where) {
      this.part = part;
      this.target = target;
      this.content = content;
      this.mode = mode;
      this.overwrite = overwrite;
      this.where = where;
    }

    @Override
    public Collection<Path> install() throws IOException {
      if (!overwrite && Files.exists(target)) {
        part.log().info("Kept " + target + " (overwrite = false); the part does not own it");
        return List.of();
      }
      List<Path> created = TemplateOutput.write(part, target, content, mode, true, where);
      part.log().info("Wrote " + target);
      return created;
    }

    @Override
    public Collection<Path> update() throws IOException {
      if (!overwrite || TemplateOutput.hasContent(target, content)) {
        return List.of();
      }
      List<Path> created = TemplateOutput.write(part, target, content, mode, true, where);
      part.log().info("Rewrote " + target + ": its content differed from the rendered template");
      return created;
    }
  }
}

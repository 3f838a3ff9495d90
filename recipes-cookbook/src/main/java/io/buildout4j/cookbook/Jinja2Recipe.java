package io.buildout4j.cookbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import io.buildout4j.recipe.DownloadRequest;
import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code jinja2} ({@code slapos.recipe.template:jinja2}): a Jinja2 template rendered with Jinjava
 * to {@code output}. The template comes from {@code url} (or the older {@code template}, which may
 * also be {@code inline:TEXT}) through the download service, or from {@code inline}; its variables
 * from {@code context} lines ({@code key}, {@code raw}, {@code section}, {@code json}, {@code
 * jsonkey}), read when the part is created so that the sections they name are ordered before it;
 * the templates it imports from {@code import-list}. An undefined variable is an error naming the
 * template, the line and the variable. See {@code docs/cookbook/jinja2.md}.
 */
public final class Jinja2Recipe implements RecipeFactory {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Jinja2 extensions whose tags Jinjava has built in. */
  private static final Set<String> BUILT_IN_EXTENSIONS =
      Set.of("jinja2.ext.do", "jinja2.ext.loopcontrols", "jinja2.ext.autoescape");

  @Override
  public Set<String> names() {
    return Set.of("jinja2", "slapos.recipe.template:jinja2");
  }

  @Override
  public Recipe create(Part part) {
    Options options = part.options();
    String section = options.section();
    String output = options.get("output");
    String outputOption = "output";
    if (output == null || output.isBlank()) {
      output = options.get("rendered");
      outputOption = "rendered";
    }
    if (output == null || output.isBlank()) {
      throw new RecipeException("Missing option: " + section + ":output");
    }
    Path target = part.directories().directory().resolve(output.strip()).normalize();
    Charset encoding = encoding(options);
    Integer mode = OctalMode.read(options, "mode");
    Source source = source(part, encoding);
    Map<String, Object> context = context(part);
    Map<String, Path> files = new LinkedHashMap<>();
    Map<String, Path> folders = new LinkedHashMap<>();
    importList(part, files, folders);
    String delimiter = options.get("import-delimiter", "/");
    if (delimiter.isEmpty()) {
      delimiter = "/";
    }
    List<String> warnings = new ArrayList<>();
    for (String extension : words(options.get("extensions", ""))) {
      if (extension.equals("jinja2.ext.with_")) {
        warnings.add(
            section
                + ":extensions: jinja2.ext.with_ is ignored: Jinjava has no {% with %} tag, so"
                + " templates using it fail");
      } else if (!BUILT_IN_EXTENSIONS.contains(extension)) {
        warnings.add(
            section
                + ":extensions: "
                + extension
                + " is ignored: Jinjava cannot load Python extensions (built in: "
                + String.join(", ", BUILT_IN_EXTENSIONS.stream().sorted().toList())
                + ")");
      }
    }
    return new Render(
        part,
        target,
        section + ":" + outputOption,
        source,
        context,
        new ImportedTemplates(section, files, folders, delimiter, encoding),
        encoding,
        mode,
        warnings);
  }

  /** The template's text and how to name it in messages. */
  private record Source(String text, String where) {}

  private static Source source(Part part, Charset encoding) {
    Options options = part.options();
    String section = options.section();
    String inline = options.get("inline");
    if (inline != null) {
      return new Source(inline, "the template " + section + ":inline");
    }
    String option = "url";
    String url = options.get("url");
    if (url == null || url.isBlank()) {
      option = "template";
      url = options.get("template");
    }
    if (url == null || url.isBlank()) {
      throw new RecipeException("Missing option: " + section + ":url (or " + section + ":inline)");
    }
    if (option.equals("template") && url.startsWith("inline:")) {
      String text = url.substring("inline:".length());
      if (text.startsWith("\r\n")) {
        text = text.substring(2);
      } else if (text.startsWith("\n")) {
        text = text.substring(1);
      }
      return new Source(text, "the template " + section + ":template");
    }
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
          "Cannot fetch " + url.strip() + " (" + section + ":" + option + "): " + e.getMessage(),
          e);
    } catch (RecipeException e) {
      throw new RecipeException(e.getMessage() + " (" + section + ":" + option + ")", e);
    }
    String where = "the template " + url.strip() + " (" + section + ":" + option + ")";
    return new Source(TemplateRecipe.read(file, encoding, where), where);
  }

  /** The variables the {@code context} lines declare, read now. */
  private static Map<String, Object> context(Part part) {
    Options options = part.options();
    String section = options.section();
    Map<String, Object> context = new LinkedHashMap<>();
    for (String line : options.get("context", "").split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        continue;
      }
      String[] fields = stripped.split("\\s+", 3);
      String where = section + ":context line '" + stripped + "'";
      if (fields.length < 3) {
        throw new RecipeException(
            "Invalid " + where + ": a line is TYPE NAME EXPRESSION (e.g. key port server:port)");
      }
      String type = fields[0];
      String name = fields[1];
      String expression = fields[2];
      if (context.containsKey(name)) {
        throw new RecipeException("Duplicate context entry '" + name + "' in " + where);
      }
      Object value =
          switch (type) {
            case "raw" -> expression;
            case "key" -> key(part, expression, where);
            case "jsonkey" -> json(key(part, expression, where), where);
            case "json" -> json(expression, where);
            case "section" -> new LinkedHashMap<>(part.section(expression).snapshot());
            case "import" ->
                throw new RecipeException(
                    "Unsupported "
                        + where
                        + ": 'import' loads a Python module, which buildout4j cannot do; pass"
                        + " values with key, raw, section or json lines instead");
            default ->
                throw new RecipeException(
                    "Invalid "
                        + where
                        + ": unknown type '"
                        + type
                        + "' (key, raw, section, json or jsonkey)");
          };
      context.put(name, value);
    }
    return context;
  }

  /** The value of {@code SECTION:OPTION}; an empty section is the part's own. */
  private static String key(Part part, String expression, String where) {
    String[] names = expression.split(":", -1);
    if (names.length != 2 || names[1].isEmpty()) {
      throw new RecipeException(
          "Invalid " + where + ": '" + expression + "' is not SECTION:OPTION");
    }
    String section = names[0].isEmpty() ? part.name() : names[0];
    Options options = names[0].isEmpty() ? part.options() : part.section(section);
    String value = options.get(names[1]);
    if (value == null) {
      throw new RecipeException(
          "Referenced option does not exist: " + section + " " + names[1] + " (" + where + ")");
    }
    return value;
  }

  private static @Nullable Object json(String text, String where) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new RecipeException(
          "Invalid " + where + ": not JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** Reads {@code import-list}: {@code file}/{@code rawfile}, {@code folder}/{@code rawfolder}. */
  private static void importList(Part part, Map<String, Path> files, Map<String, Path> folders) {
    Options options = part.options();
    String section = options.section();
    Path directory = part.directories().directory();
    for (String line : options.get("import-list", "").split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        continue;
      }
      String[] fields = stripped.split("\\s+", 3);
      String where = section + ":import-list line '" + stripped + "'";
      if (fields.length < 3) {
        throw new RecipeException(
            "Invalid " + where + ": a line is TYPE NAME EXPRESSION (e.g. file lib section:target)");
      }
      String alias = fields[1];
      if (files.containsKey(alias) || folders.containsKey(alias)) {
        throw new RecipeException("Duplicate import-list entry '" + alias + "' in " + where);
      }
      switch (fields[0]) {
        case "rawfile" -> files.put(alias, directory.resolve(fields[2]).normalize());
        case "file" -> files.put(alias, directory.resolve(key(part, fields[2], where)).normalize());
        case "rawfolder" -> folders.put(alias, directory.resolve(fields[2]).normalize());
        case "folder" ->
            folders.put(alias, directory.resolve(key(part, fields[2], where)).normalize());
        default ->
            throw new RecipeException(
                "Invalid "
                    + where
                    + ": unknown type '"
                    + fields[0]
                    + "' (file, rawfile, folder or rawfolder)");
      }
    }
  }

  private static Charset encoding(Options options) {
    String name = options.get("encoding");
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new RecipeException(
          "Invalid value for "
              + options.section()
              + ":encoding: '"
              + name
              + "' (not an encoding Java knows)");
    }
  }

  private static List<String> words(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
  }

  /** The templates {@code import-list} names, read when a template imports them. */
  private record ImportedTemplates(
      String section,
      Map<String, Path> files,
      Map<String, Path> folders,
      String delimiter,
      Charset encoding)
      implements Jinja2Renderer.Templates {
    @Override
    public String read(String name) throws IOException {
      Path file = files.get(name);
      if (file == null) {
        for (Map.Entry<String, Path> folder : folders.entrySet()) {
          String prefix = folder.getKey() + delimiter;
          if (name.startsWith(prefix)) {
            Path candidate = folder.getValue().resolve(name.substring(prefix.length())).normalize();
            if (candidate.startsWith(folder.getValue())) {
              file = candidate;
            }
          }
        }
      }
      if (file == null) {
        throw new ResourceNotFoundException(
            "no template named '" + name + "' in " + section + ":import-list");
      }
      if (!Files.isRegularFile(file)) {
        throw new ResourceNotFoundException(
            "the template '" + name + "' (" + section + ":import-list) is missing: " + file);
      }
      return TemplateRecipe.read(file, encoding, file + " (" + section + ":import-list)");
    }
  }

  /** Renders the template when the part is installed or updated. */
  private static final class Render implements Recipe {
    private final Part part;
    private final Path target;
    private final String where;
    private final Source source;
    private final Map<String, Object> context;
    private final ImportedTemplates templates;
    private final Charset encoding;
    private final @Nullable Integer mode;
    private final List<String> warnings;

    Render(
        Part part,
        Path target,
        String where,
        Source source,
        Map<String, Object> context,
        ImportedTemplates templates,
        Charset encoding,
        @Nullable Integer mode,
        List<String> warnings) {
      this.part = part;
      this.target = target;
      this.where = where;
      this.source = source;
      this.context = context;
      this.templates = templates;
      this.encoding = encoding;
      this.mode = mode;
      this.warnings = warnings;
    }

    private byte[] render() {
      warnings.forEach(part.log()::warning);
      return Jinja2Renderer.render(source.text(), context, templates, source.where())
          .getBytes(encoding);
    }

    @Override
    public Collection<Path> install() throws IOException {
      List<Path> created = TemplateOutput.write(part, target, render(), mode, true, where);
      part.log().info("Rendered " + target);
      return created;
    }

    @Override
    public Collection<Path> update() throws IOException {
      byte[] content = render();
      if (TemplateOutput.hasContent(target, content)) {
        return List.of();
      }
      List<Path> created = TemplateOutput.write(part, target, content, mode, true, where);
      part.log().info("Rendered " + target + " again: its content had changed");
      return created;
    }
  }
}

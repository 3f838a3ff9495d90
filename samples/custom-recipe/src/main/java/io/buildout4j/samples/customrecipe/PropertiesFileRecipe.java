package io.buildout4j.samples.customrecipe;

import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.PartLog;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import io.buildout4j.recipe.RecordedPart;
import io.buildout4j.recipe.Uninstaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code sample.properties}: writes a Java properties file from a part's options.
 *
 * <pre>
 * [app-config]
 * recipe = sample.properties
 * location = ${buildout:directory}/etc/app.properties   # optional
 * mode = 0640                                           # optional
 * properties =
 *     server.port = 8080
 *     database.config = ${database-config:location}
 * </pre>
 *
 * <ul>
 *   <li>{@code properties} (required): one {@code KEY = VALUE} per line.
 *   <li>{@code location}: the file, relative to the buildout directory; computed when absent as
 *       {@code PARTS-DIRECTORY/PART.properties}, and set as an absolute path, so other sections can
 *       say {@code ${PART:location}}.
 *   <li>{@code mode}: the file's permissions in octal, e.g. {@code 0600} (on POSIX systems).
 * </ul>
 *
 * <p>The file is hand-editable but owned by the profile: {@code update} puts back the content the
 * options say if the file was edited, and the uninstaller (run before the engine deletes the file,
 * when the part leaves the profile or is reinstalled) does the same check; either way a hand edit
 * is first copied to {@code FILE.edited} (or {@code FILE.edited-2}, ...), which no part owns, and a
 * warning says so. Directories created for the file are not recorded, since other parts may put
 * files there too.
 *
 * <p>Registered as {@code sample.properties} and as {@code
 * io.buildout4j:buildout4j-sample-custom-recipe:properties}: the Maven name, so that a profile
 * naming the released artifact runs a {@code develop} build of it when one is given, as buildout's
 * develop eggs replace released ones.
 */
public final class PropertiesFileRecipe implements RecipeFactory {
  /** The short name. */
  public static final String NAME = "sample.properties";

  /** The name by Maven coordinates without a version ({@code [versions]} pins it). */
  public static final String MAVEN_NAME =
      "io.buildout4j:buildout4j-sample-custom-recipe:properties";

  private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

  /** Called by {@link java.util.ServiceLoader}. */
  public PropertiesFileRecipe() {}

  @Override
  public Set<String> names() {
    return Set.of(NAME, MAVEN_NAME);
  }

  @Override
  public Recipe create(Part part) {
    Options options = part.options();
    String properties = options.get("properties");
    if (properties == null) {
      throw new RecipeException(
          "Missing option " + part.name() + ":properties (one KEY = VALUE per line)");
    }
    PropertiesText text = PropertiesText.parse(part.name(), properties);
    Set<PosixFilePermission> mode = mode(part.name(), options.get("mode"));
    Path directory = part.directories().directory();
    Path file =
        options.has("location")
            ? directory.resolve(options.require("location").strip())
            : part.directories().parts().resolve(part.name() + ".properties");
    options.set("location", file.toString());
    return new PropertiesFile(part, file, text.render(), mode, text.entries().size());
  }

  @Override
  public Uninstaller uninstaller() {
    return PropertiesFileRecipe::keepEdits;
  }

  /** Before the engine deletes the file: keeps a hand edit of it. */
  private static void keepEdits(RecordedPart part) throws IOException {
    String location = part.options().get("location");
    String properties = part.options().get("properties");
    if (location == null || properties == null) {
      return; // not recorded by this recipe: nothing to compare with
    }
    String expected = PropertiesText.parse(part.name(), properties).render();
    keepEdit(Path.of(location), expected, part.log());
  }

  /**
   * If {@code file} exists and differs from {@code expected}, copies it to a free {@code
   * FILE.edited[-N]} and warns. Returns whether it did.
   */
  static boolean keepEdit(Path file, String expected, PartLog log) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    String actual = Files.readString(file, StandardCharsets.ISO_8859_1);
    if (actual.equals(expected)) {
      return false;
    }
    Path copy = file.resolveSibling(file.getFileName() + ".edited");
    for (int n = 2; Files.exists(copy); n++) {
      copy = file.resolveSibling(file.getFileName() + ".edited-" + n);
    }
    Files.copy(file, copy);
    log.warning(file + " was edited by hand; the edit is kept in " + copy);
    return true;
  }

  private static @Nullable Set<PosixFilePermission> mode(String part, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String mode = value.strip();
    if (!MODE.matcher(mode).matches()) {
      throw new RecipeException(
          "Invalid value for "
              + part
              + ":mode: '"
              + value
              + "' (file permissions in octal, such as 0640)");
    }
    int bits = Integer.parseInt(mode, 8);
    StringBuilder symbolic = new StringBuilder();
    String letters = "rwx";
    for (int i = 8; i >= 0; i--) {
      symbolic.append((bits & (1 << i)) != 0 ? letters.charAt((8 - i) % 3) : '-');
    }
    return PosixFilePermissions.fromString(symbolic.toString());
  }

  /** One part's file. */
  private static final class PropertiesFile implements Recipe {
    private final Part part;
    private final Path file;
    private final String content;
    private final @Nullable Set<PosixFilePermission> mode;
    private final int count;

    PropertiesFile(
        Part part, Path file, String content, @Nullable Set<PosixFilePermission> mode, int count) {
      this.part = part;
      this.file = file;
      this.content = content;
      this.mode = mode;
      this.count = count;
    }

    @Override
    public Collection<Path> install() throws IOException {
      if (Files.isDirectory(file)) {
        throw new RecipeException(
            "Cannot write " + part.name() + ":location " + file + ": it is a directory");
      }
      part.created(file);
      Path parent = file.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      write();
      part.log().info("Wrote " + count + " properties to " + file);
      return List.of(file);
    }

    @Override
    public Collection<Path> update() throws IOException {
      if (keepEdit(file, content, part.log())) {
        write();
        part.log().info("Put back " + file + " as the profile says");
      } else {
        applyMode();
        part.log().info(file + " is up to date");
      }
      return List.of();
    }

    private void write() throws IOException {
      Files.writeString(file, content, StandardCharsets.ISO_8859_1);
      applyMode();
    }

    private void applyMode() throws IOException {
      if (mode != null
          && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(file, mode);
      }
    }
  }
}

package io.buildout4j.cookbook;

import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code mkdirectory} ({@code slapos.cookbook:mkdirectory}): every option is a directory to create,
 * with its missing parents, except {@code recipe} and {@code mode} (octal, default {@code 0777},
 * less the umask, as Python's {@code os.makedirs}) and options whose names start with {@code _} or
 * {@code <} (buildout's own). As upstream, the directories are <em>not</em> owned by the part: they
 * hold instance data, so uninstalling the part never deletes them, and an update creates those that
 * went missing. See {@code docs/cookbook/mkdirectory.md}.
 */
public final class MkdirectoryRecipe implements RecipeFactory {
  private static final int DEFAULT_MODE = 0777;

  @Override
  public Set<String> names() {
    return Set.of("mkdirectory", "slapos.cookbook:mkdirectory");
  }

  @Override
  public Recipe create(Part part) {
    Options options = part.options();
    Integer given = OctalMode.read(options, "mode");
    int mode = given == null ? DEFAULT_MODE : given;
    Path base = part.directories().directory();
    Map<String, Path> directories = new LinkedHashMap<>();
    for (Map.Entry<String, String> option : options.snapshot().entrySet()) {
      String name = option.getKey();
      String value = option.getValue().strip();
      if (name.equals("recipe")
          || name.equals("mode")
          || name.startsWith("_")
          || name.startsWith("<")
          || value.isEmpty()) {
        continue;
      }
      directories.put(name, base.resolve(value).normalize());
    }
    return new Directories(part, directories, mode);
  }

  private static final class Directories implements Recipe {
    private final Part part;
    private final Map<String, Path> directories;
    private final int mode;

    Directories(Part part, Map<String, Path> directories, int mode) {
      this.part = part;
      this.directories = directories;
      this.mode = mode;
    }

    @Override
    public Collection<Path> install() throws IOException {
      // Sorted by path, as upstream: a parent listed too gets the mode before its children.
      Map<Path, String> byPath = new TreeMap<>();
      directories.forEach((option, path) -> byPath.putIfAbsent(path, option));
      List<Path> made = new ArrayList<>();
      for (Map.Entry<Path, String> entry : byPath.entrySet()) {
        Path path = entry.getKey();
        if (Files.isDirectory(path)) {
          continue;
        }
        String where = part.options().section() + ":" + entry.getValue();
        if (Files.exists(path)) {
          throw new RecipeException(
              "Cannot create the directory " + path + " (" + where + "): a file is in the way");
        }
        try {
          Path parent = path.getParent();
          if (parent != null) {
            Files.createDirectories(parent);
          }
          Files.createDirectory(
              path, PosixFilePermissions.asFileAttribute(OctalMode.permissions(mode)));
        } catch (FileAlreadyExistsException e) {
          if (!Files.isDirectory(path)) {
            throw new RecipeException(
                "Cannot create the directory " + path + " (" + where + "): a file is in the way");
          }
        } catch (IOException e) {
          throw new RecipeException(
              "Cannot create the directory " + path + " (" + where + "): " + e, e);
        }
        made.add(path);
      }
      if (!made.isEmpty()) {
        part.log()
            .info(
                "Created "
                    + (made.size() == 1 ? "1 directory" : made.size() + " directories")
                    + " (mode "
                    + OctalMode.format(mode)
                    + ", less the umask)");
      }
      return List.of();
    }

    @Override
    public Collection<Path> update() throws IOException {
      return install();
    }
  }
}

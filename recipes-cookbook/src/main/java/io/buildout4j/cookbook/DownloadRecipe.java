package io.buildout4j.cookbook;

import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code download} ({@code slapos.recipe.build:download}): one file, fetched through the buildout's
 * download service (cache, checksums, {@code alternate-url}), copied to {@code
 * ${:location}/${:filename}} or to {@code destination}. Computes {@code target}, the file's full
 * path, and (without {@code destination}) {@code location}, its directory, when created, so other
 * sections can use them. See {@code docs/cookbook/download.md}.
 */
public final class DownloadRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of("download", "slapos.recipe.build:download");
  }

  @Override
  public Recipe create(Part part) {
    Options options = part.options();
    String section = options.section();
    DownloadSource source = DownloadSource.read(part);
    Integer mode = mode(options);
    Path base = part.directories().directory();
    String destination = options.get("destination");
    boolean hasDestination = destination != null && !destination.isBlank();
    SharedPart shared = shared(part, "download", hasDestination);
    Path location;
    Path target;
    if (hasDestination) {
      location = null;
      target = base.resolve(destination.strip()).normalize();
    } else {
      String given = options.get("location");
      location =
          shared != null
              ? shared.location()
              : given == null || given.isBlank()
                  ? part.directories().partLocation(part.name())
                  : base.resolve(given.strip()).normalize();
      String filename = options.get("filename");
      filename = filename == null || filename.isBlank() ? part.name() : filename.strip();
      if (filename.contains("/")
          || filename.equals(".")
          || filename.equals("..")
          || filename.indexOf('\0') >= 0) {
        throw new RecipeException(
            "Invalid value for "
                + section
                + ":filename: '"
                + filename
                + "' (a file name, without '/'; use destination for a path)");
      }
      target = location.resolve(filename);
      options.set("location", location.toString());
    }
    options.set("target", target.toString());
    return new Download(part, source, shared, mode, location, target);
  }

  private static @Nullable Integer mode(Options options) {
    String value = options.get("mode");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int mode = Integer.parseInt(value.strip(), 8);
      if (mode >= 0 && mode <= 0777) {
        return mode;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RecipeException(
        "Invalid value for "
            + options.section()
            + ":mode: '"
            + value.strip()
            + "' (an octal file mode from 0 to 0777, e.g. 0644 or 755)");
  }

  /**
   * The shared install of the part, or null if it is not shared. As in SlapOS, {@code shared =
   * true} takes effect only when {@code [buildout] shared-part-list} names a directory; without
   * one, the part is an ordinary part of this buildout. Call it after reading the options, before
   * setting computed ones.
   */
  static @Nullable SharedPart shared(Part part, String recipe, boolean hasDestination) {
    Options options = part.options();
    String flag = options.get("shared", "").strip();
    if (!flag.isEmpty() && !flag.equalsIgnoreCase("true") && !flag.equalsIgnoreCase("false")) {
      throw new RecipeException(
          "Invalid value for "
              + options.section()
              + ":shared: '"
              + flag
              + "' (it must be true or false)");
    }
    if (!flag.equalsIgnoreCase("true")
        || part.section("buildout").get("shared-part-list", "").isBlank()) {
      return null;
    }
    if (hasDestination) {
      throw new RecipeException(
          options.section() + ":destination cannot be given for a shared part (shared = true)");
    }
    return SharedPart.of(part, recipe, List.of("target"));
  }

  /** Fails if {@code path} exists: a part never takes over a path it did not create. */
  static void requireAbsent(Part part, Path path, String option) {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new RecipeException(
          "Cannot install part "
              + part.name()
              + ": "
              + path
              + " already exists and is not this part's (remove it, or choose another "
              + part.options().section()
              + ":"
              + option
              + ")");
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values();
    // OWNER_READ .. OTHERS_EXECUTE, i.e. bits 8 down to 0
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (bits.length - 1 - i))) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  private static final class Download implements Recipe {
    private final Part part;
    private final DownloadSource source;
    private final @Nullable SharedPart shared;
    private final @Nullable Integer mode;
    private final @Nullable Path location;
    private final Path target;

    Download(
        Part part,
        DownloadSource source,
        @Nullable SharedPart shared,
        @Nullable Integer mode,
        @Nullable Path location,
        Path target) {
      this.part = part;
      this.source = source;
      this.shared = shared;
      this.mode = mode;
      this.location = location;
      this.target = target;
    }

    @Override
    public Collection<Path> install() throws Exception {
      if (shared != null) {
        if (!shared.isInstalled()) {
          shared.install(part, this::into);
        } else {
          part.log().info("Using the shared part " + shared.location());
        }
        return List.of();
      }
      if (location != null) {
        requireAbsent(part, location, "location");
        Path file = source.fetch(part);
        part.created(location);
        Files.createDirectories(location);
        copy(file);
        return List.of(location);
      }
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new RecipeException(
            "Cannot install part "
                + part.name()
                + ": "
                + part.options().section()
                + ":destination is "
                + target
                + ", an existing directory (it must name the file to write)");
      }
      Path file = source.fetch(part);
      part.created(target, staged());
      Files.createDirectories(target.getParent());
      copy(file);
      return List.of(target);
    }

    @Override
    public Collection<Path> update() throws Exception {
      if (shared != null && !shared.isInstalled()) {
        shared.install(part, this::into);
      }
      return List.of();
    }

    private void into(Path directory) throws IOException {
      Path file = source.fetch(part);
      Files.createDirectories(directory);
      copy(file);
    }

    private Path staged() {
      return target.resolveSibling("." + target.getFileName() + ".download");
    }

    /** Copies {@code file} to the target through a staged file, so the target is never partial. */
    private void copy(Path file) throws IOException {
      Path staged = staged();
      Files.deleteIfExists(staged);
      Files.copy(file, staged);
      if (mode != null) {
        try {
          Files.setPosixFilePermissions(staged, permissions(mode));
        } catch (UnsupportedOperationException e) {
          part.log().warning("Cannot set mode " + Integer.toOctalString(mode) + " on " + target);
        }
      }
      Files.move(
          staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      part.log().info("Downloaded " + source.url() + " to " + target);
    }
  }
}

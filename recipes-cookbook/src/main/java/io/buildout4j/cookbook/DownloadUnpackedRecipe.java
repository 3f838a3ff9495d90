package io.buildout4j.cookbook;

import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code download-unpacked} ({@code slapos.recipe.build:download-unpacked}): an archive (tar,
 * tar.gz, tar.bz2, tar.xz or zip, recognised by its content) fetched through the buildout's
 * download service and unpacked safely ({@link Unpacker}) to {@code ${:location}} or {@code
 * destination}. As in SlapOS, a single top-level directory is stripped unless {@code
 * strip-top-level-dir = false}; {@code strip-top-level-dir = true} requires one. Computes {@code
 * location} and {@code target} (the same directory) when created. See {@code
 * docs/cookbook/download-unpacked.md}.
 */
public final class DownloadUnpackedRecipe implements RecipeFactory {
  @Override
  public Set<String> names() {
    return Set.of(
        "download-unpacked",
        "slapos.recipe.build:download-unpacked",
        "slapos.recipe.build:downloadunpacked");
  }

  @Override
  public Recipe create(Part part) {
    Options options = part.options();
    DownloadSource source = DownloadSource.read(part);
    String strip = options.get("strip-top-level-dir");
    Unpacker.Strip mode =
        strip == null || strip.isBlank()
            ? Unpacker.Strip.IF_SINGLE_DIRECTORY
            : options.flag("strip-top-level-dir", false)
                ? Unpacker.Strip.ALWAYS
                : Unpacker.Strip.NEVER;
    Path base = part.directories().directory();
    String destination = options.get("destination");
    boolean hasDestination = destination != null && !destination.isBlank();
    SharedPart shared = DownloadRecipe.shared(part, "download-unpacked", hasDestination);
    String given = options.get("location");
    String option;
    Path location;
    if (shared != null) {
      location = shared.location();
      option = "location";
    } else if (hasDestination) {
      location = base.resolve(destination.strip()).normalize();
      option = "destination";
    } else if (given != null && !given.isBlank()) {
      location = base.resolve(given.strip()).normalize();
      option = "location";
    } else {
      location = part.directories().partLocation(part.name());
      option = "location";
    }
    options.set("location", location.toString());
    options.set("target", location.toString());
    return new Recipe() {
      @Override
      public Collection<Path> install() throws Exception {
        if (shared != null) {
          if (!shared.isInstalled()) {
            shared.install(part, this::unpack);
          } else {
            part.log().info("Using the shared part " + location);
          }
          return List.of();
        }
        DownloadRecipe.requireAbsent(part, location, option);
        Files.createDirectories(location.getParent());
        part.created(location, Unpacker.stagingDirectory(location));
        unpack(location);
        return List.of(location);
      }

      @Override
      public Collection<Path> update() throws Exception {
        if (shared != null && !shared.isInstalled()) {
          shared.install(part, this::unpack);
        }
        return List.of();
      }

      private void unpack(Path into) throws IOException {
        Path archive = source.fetch(part);
        Unpacker.Result result = new Unpacker().unpack(archive, source.url(), into, mode);
        part.log()
            .info(
                "Unpacked "
                    + source.url()
                    + " ("
                    + result.format().label()
                    + ", "
                    + result.entries()
                    + " entries"
                    + (result.strippedDirectory() == null
                        ? ""
                        : ", top-level directory " + result.strippedDirectory() + " stripped")
                    + ") to "
                    + into);
      }
    };
  }
}

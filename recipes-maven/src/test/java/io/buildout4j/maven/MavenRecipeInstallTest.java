package io.buildout4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.Action;
import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.PartPlan;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path, through the engine: a recipe named by Maven coordinates, built by the test and
 * installed into a temporary local repository, resolved offline, installed, and reinstalled when
 * its jar changes.
 */
class MavenRecipeInstallTest {
  @TempDir Path work;

  private Path buildWriter(Path repository, String version, String text) throws IOException {
    Path helper =
        RecipeJars.build(
            work,
            "text-" + version + "-" + text.hashCode(),
            Map.of(
                "org.example.text.Text",
                """
                package org.example.text;
                public final class Text {
                  public static String value() { return "TEXT"; }
                }
                """
                    .replace("TEXT", text)),
            List.of(),
            List.of());
    RecipeJars.install(
        repository,
        "org.example",
        "text",
        version,
        helper,
        RecipeJars.pom("org.example", "text", version));
    Path jar =
        RecipeJars.build(
            work,
            "writer-" + version + "-" + text.hashCode(),
            Map.of(
                "org.example.writer.WriterFactory",
                """
                package org.example.writer;
                import io.buildout4j.recipe.*;
                import java.nio.file.*;
                import java.util.*;
                public final class WriterFactory implements RecipeFactory {
                  public Set<String> names() { return Set.of("default"); }
                  public Recipe create(Part part) {
                    Path file = part.directories().parts().resolve(part.name() + ".txt");
                    part.options().set("file", file.toString());
                    return () -> {
                      part.created(file);
                      Files.writeString(file, org.example.text.Text.value());
                      return List.of(file);
                    };
                  }
                }
                """),
            List.of("org.example.writer.WriterFactory"),
            List.of(helper));
    return RecipeJars.install(
        repository,
        "org.example",
        "writer",
        version,
        jar,
        RecipeJars.pom("org.example", "writer", version, "org.example:text:" + version));
  }

  private Buildout buildout(Path directory) {
    return Buildout.builder(directory.resolve("buildout.cfg"))
        .loader(Profiles.loader().userDefaults(false).offline(true))
        .build();
  }

  @Test
  void aRecipeFromALocalRepositoryInstallsOfflineAndItsJarIsItsSignature() throws IOException {
    Path repository = work.resolve("repository");
    Path directory = Files.createDirectories(work.resolve("buildout"));
    buildWriter(repository, "1.0", "first");
    String profile =
        """
        [buildout]
        parts = note
        offline = true
        recipe-local-repository = REPO

        [versions]
        writer = 1.0

        [note]
        recipe = org.example:writer
        """
            .replace("REPO", repository.toString());
    Files.writeString(directory.resolve("buildout.cfg"), profile);

    buildout(directory).install();
    assertEquals("first", Files.readString(directory.resolve("parts/note.txt")));
    String installed = Files.readString(directory.resolve(".installed.cfg"));
    assertTrue(installed.contains("org.example:text:1.0:"), installed);
    assertTrue(installed.contains("org.example:writer:1.0:"), installed);
    assertEquals(Action.UPDATE, buildout(directory).plan().part("note").action());

    buildWriter(repository, "1.0", "second");
    PartPlan planned = buildout(directory).plan().part("note");
    assertEquals(Action.REINSTALL, planned.action());
    assertTrue(planned.reason().startsWith("recipe code changed"), planned.reason());
    buildout(directory).install();
    assertEquals("second", Files.readString(directory.resolve("parts/note.txt")));

    Files.writeString(
        directory.resolve("buildout.cfg"), profile.replace("writer = 1.0", "writer = 2.0"));
    BuildoutException e = assertThrows(BuildoutException.class, () -> buildout(directory).plan());
    assertTrue(e.getMessage().contains("org.example:writer:2.0"), e.getMessage());
    assertTrue(e.getMessage().contains(repository.toString()), e.getMessage());
    assertEquals("Installing.", e.whileChain().get(0));
  }
}

package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command recipe through the engine: install and update commands, errors, locations. */
class CommandRecipeTest {
  @TempDir Path directory;
  TemplateTestBuildout buildout;

  @BeforeEach
  void setUp() {
    buildout = new TemplateTestBuildout(directory);
  }

  @Test
  void theCommandRunsOnInstallTheUpdateCommandOnUpdate() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = cmd

        [cmd]
        recipe = plone.recipe.command
        location = ${buildout:directory}/made
        command =
          mkdir -p ${:location} && echo installed > ${:location}/state
          echo "ran in $(pwd)"
        update-command = echo updated >> ${:location}/state; echo update output
        """);
    buildout.install();
    assertEquals("installed\n", buildout.read("made/state"));
    assertTrue(
        buildout.log("cmd").contains("ran in " + directory.toRealPath()), buildout.log("cmd"));
    assertTrue(
        buildout.output.contains("cmd: ran in " + directory.toRealPath()), "" + buildout.output);
    assertTrue(
        buildout.installedCfg().contains("__buildout_installed__ = " + directory.resolve("made")));

    buildout.install();
    assertEquals(List.of("update cmd"), buildout.events);
    assertEquals("installed\nupdated\n", buildout.read("made/state"));
    assertTrue(buildout.log("cmd").contains("update output"), buildout.log("cmd"));

    buildout.profile("[buildout]\nparts =\n");
    buildout.install();
    assertFalse(buildout.exists("made"), "the location belongs to the part");
  }

  @Test
  void withoutUpdateCommandAnUpdateRunsNothing() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = cmd

        [cmd]
        recipe = command
        command = echo run >> ${buildout:directory}/count
        """);
    buildout.install();
    buildout.install();
    assertEquals("run\n", buildout.read("count"));
  }

  @Test
  void aFailingCommandIsOnlyAWarningWithoutStopOnError() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = cmd

        [cmd]
        recipe = plone.recipe.command
        command = echo before; exit 3
        location = ${buildout:directory}/loc
        """);
    buildout.install();
    assertTrue(
        buildout.log("cmd").contains("WARNING: cmd:command failed with exit status 3"),
        buildout.log("cmd"));
    assertTrue(buildout.installedCfg().contains("[cmd]"), "the part is installed");
  }

  @Test
  void withStopOnErrorAFailingCommandFailsThePartAndRemovesItsLocation() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = cmd

        [cmd]
        recipe = plone.recipe.command
        stop-on-error = yes
        location = ${buildout:directory}/half
        command = mkdir ${:location} && echo half-done && false
        """);
    String message = buildout.installFails();
    assertTrue(message.contains("cmd:command failed with exit status 1"), message);
    assertTrue(message.contains("log of part cmd"), message);
    assertFalse(buildout.exists("half"), "what the failed command made is removed");
    assertTrue(buildout.log("cmd").contains("half-done"));
    assertFalse(buildout.exists(".installed.cfg") && buildout.installedCfg().contains("[cmd]"));
  }

  @Test
  void aFailingUpdateCommandWithStopOnErrorFailsTheUpdate() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = cmd

        [cmd]
        recipe = plone.recipe.command
        stop-on-error = true
        command = true
        update-command = exit 5
        """);
    buildout.install();
    String message = buildout.installFails();
    assertTrue(message.contains("cmd:update-command failed with exit status 5"), message);
  }

  @Test
  void badOptionsAreNamed() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = cmd

        [cmd]
        recipe = plone.recipe.command
        stop-on-error = maybe
        command = true
        """);
    assertTrue(buildout.installFails().contains("Invalid value for cmd:stop-on-error: 'maybe'"));
    buildout.profile(
        """
        [buildout]
        parts = cmd

        [cmd]
        recipe = plone.recipe.command
        update-command = true
        """);
    assertTrue(buildout.installFails().contains("Missing option: cmd:command"));
  }
}

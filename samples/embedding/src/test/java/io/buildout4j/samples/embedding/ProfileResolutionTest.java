package io.buildout4j.samples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.profile.MissingOptionException;
import io.buildout4j.profile.Operation;
import io.buildout4j.profile.Origin;
import io.buildout4j.profile.Profile;
import io.buildout4j.profile.ProfileLoader;
import io.buildout4j.profile.Profiles;
import io.buildout4j.profile.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the sample profile ({@code profile/buildout.cfg}, which extends {@code base.cfg}) resolves:
 * the test a profile's author writes to pin down what {@code extends}, {@code +=}, references,
 * macros and command-line assignments make of it, and where each value comes from.
 *
 * <p>Loading a profile runs no recipe and writes nothing, so it is loaded where it is.
 */
class ProfileResolutionTest {
  private static final Path PROFILE = Path.of("profile", "buildout.cfg").toAbsolutePath();
  private static final Path BASE = PROFILE.resolveSibling("base.cfg");
  private static final Path DIRECTORY = PROFILE.getParent();

  /** The profile as a tool would load it, with command-line assignments such as "s:o=v". */
  private static Profile load(String... assignments) {
    ProfileLoader loader = Profiles.loader().userDefaults(false); // not ~/.buildout/default.cfg
    for (String assignment : assignments) {
      loader = loader.override(assignment);
    }
    return loader.load(PROFILE);
  }

  /**
   * Where {@code annotate} says a value comes from: the line of {@code file} reading {@code text}.
   */
  private static Origin lineOf(Path file, String text) {
    try {
      List<String> lines = Files.readAllLines(file);
      int index = lines.indexOf(text);
      assertTrue(index >= 0, () -> file + " has no line '" + text + "'");
      return Origin.file(file.toString(), index + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void extendsBringsInTheBaseWhoseValuesTheProfileOverrides() {
    Profile profile = load();

    assertEquals("8080", profile.get("site", "port"));
    assertEquals(lineOf(BASE, "port = 8080"), profile.annotate("site", "port").origin());
    assertEquals("demo", profile.get("site", "name"));
    assertEquals(lineOf(PROFILE, "name = demo"), profile.annotate("site", "name").origin());
  }

  @Test
  void plusEqualsAddsAPartAfterTheBaseOnes() {
    Profile profile = load();

    // asked first: partOrder() follows the order sections are first read in, so reading
    // [greeting] before [motd] would list greeting first
    assertEquals(List.of("directories", "motd", "greeting"), profile.partOrder());
    assertEquals("directories\nmotd\ngreeting", profile.get("buildout", "parts"));
    assertEquals(
        List.of(
            new Step(Operation.SET, "directories\nmotd", lineOf(BASE, "parts =")),
            new Step(Operation.ADD, "greeting", lineOf(PROFILE, "parts += greeting"))),
        profile.annotate("buildout", "parts").history().steps());
  }

  @Test
  void referencesAreReplacedByTheValuesTheyName() {
    Profile profile = load();

    assertEquals("http://localhost:8080/", profile.get("site", "url")); // ${:port}
    assertEquals(DIRECTORY.resolve("var/log").toString(), profile.get("directories", "log"));
    assertEquals(
        "echo \"Hello from demo at http://localhost:8080/\" | tee "
            + DIRECTORY.resolve("var/greeting.txt"),
        profile.get("greeting", "command"));
    // annotate shows the value as written, before substitution
    assertEquals("http://localhost:${:port}/", profile.annotate("site", "url").value());
  }

  @Test
  void theMacroGivesItsOptionsWhichReferToTheSectionUsingIt() {
    Profile profile = load();

    Map<String, String> greeting = profile.section("greeting");
    assertEquals("command", greeting.get("recipe"));
    assertEquals("true", greeting.get("stop-on-error"));
    assertEquals(
        "test -f " + DIRECTORY.resolve("var/greeting.txt"), // ${:location} is greeting's
        greeting.get("update-command"));
    assertEquals(
        List.of(
            new Step(Operation.SET, "true", lineOf(BASE, "stop-on-error = true")),
            new Step(Operation.MACRO, "command-part", lineOf(PROFILE, "<= command-part"))),
        profile.annotate("greeting", "stop-on-error").history().steps());
  }

  @Test
  void theMacroSectionIsNotAPart() {
    assertFalse(load().partOrder().contains("command-part"));
  }

  @Test
  void commandLineAssignmentsWinOverEveryFile() {
    Profile profile = load("site:port=9090", "buildout:parts-=greeting");

    assertEquals(List.of("directories", "motd"), profile.partOrder());
    assertEquals("http://localhost:9090/", profile.get("site", "url"));
    assertEquals(Origin.COMMAND_LINE, profile.annotate("site", "port").origin());
    assertEquals(
        new Step(Operation.REMOVE, "greeting", Origin.COMMAND_LINE),
        profile.annotate("buildout", "parts").history().last());
  }

  @Test
  void aMissingOptionIsAnErrorThatSaysWhichOne() {
    MissingOptionException e =
        assertThrows(MissingOptionException.class, () -> load().get("site", "host"));

    assertTrue(e.describe().contains("site:host"), e::describe);
  }
}

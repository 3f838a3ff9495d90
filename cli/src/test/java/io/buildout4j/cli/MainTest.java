package io.buildout4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line contract: outputs, exit status and error reporting. */
class MainTest {
  @TempDir Path dir;
  private String out;
  private String err;

  private int run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        new Main(
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                dir)
            .run(List.of(args));
    out = stdout.toString(StandardCharsets.UTF_8);
    err = stderr.toString(StandardCharsets.UTF_8);
    return status;
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(dir.resolve(name).getParent());
    Files.writeString(dir.resolve(name), text);
  }

  @Test
  void resolvePrintsSortedJsonOfEverySection() throws IOException {
    write("buildout.cfg", "[buildout]\nparts =\n[b]\nz = ${a:x}\n[a]\nx = 1\n  2\n");
    assertEquals(0, run("resolve", "-U", "--format", "json"));
    Map<?, ?> json = (Map<?, ?>) JsonReader.read(out);
    assertEquals(List.of("a", "b", "buildout"), List.copyOf(json.keySet()));
    assertEquals(Map.of("x", "1\n2"), json.get("a"));
    assertEquals("1\n2", ((Map<?, ?>) json.get("b")).get("z"));
    assertEquals(dir.toString(), ((Map<?, ?>) json.get("buildout")).get("directory"));
  }

  @Test
  void resolveAsTextPrintsProfileSyntax() throws IOException {
    write("buildout.cfg", "[a]\nx = 1\n  2\ny = one\n");
    assertEquals(0, run("resolve", "-U"));
    assertTrue(out.startsWith("[a]\nx =\n    1\n    2\ny = one\n"), out);
  }

  @Test
  void rawShowsValuesBeforeSubstitution() throws IOException {
    write("buildout.cfg", "[a]\nx = ${b:y}\n[b]\ny = 1\n");
    assertEquals(0, run("resolve", "-U", "--raw", "--format", "json"));
    assertEquals("${b:y}", ((Map<?, ?>) ((Map<?, ?>) JsonReader.read(out)).get("a")).get("x"));
  }

  @Test
  void errorsExitWithOneAndSayWhatAndWhere() throws IOException {
    write(
        "buildout.cfg",
        "[buildout]\nparts =\n[gzip]\nrecipe = cmmi\nenvironment = PATH=${xz:location}/bin\n[xz]\nrecipe = cmmi\n");
    assertEquals(1, run("resolve", "-U", "--no-recipes", "--format", "json"));
    assertTrue(
        err.contains(
            "While:\n  Getting section gzip.\n  Initializing section gzip.\n  Getting option gzip:environment.\n"),
        err);
    assertTrue(
        err.contains(
            "Error: Referenced option does not exist: xz location (referenced by gzip:environment, "
                + dir.resolve("buildout.cfg")
                + ":5)"),
        err);
    Map<?, ?> json = (Map<?, ?>) JsonReader.read(out);
    assertTrue(
        ((String) json.get("error"))
            .startsWith("MissingOption: Referenced option does not exist: xz location"),
        out);
  }

  @Test
  void recipePlaceholdersStandInForRecipeOptions() throws IOException {
    write(
        "buildout.cfg",
        "[gzip]\nrecipe = cmmi\nenvironment = PATH=${xz:location}/bin\n[xz]\nrecipe = cmmi\n");
    assertEquals(
        0, run("resolve", "-U", "--no-recipes", "--recipe-placeholders", "--format", "json"));
    assertEquals(
        "PATH=@RECIPE{xz:location}/bin",
        ((Map<?, ?>) ((Map<?, ?>) JsonReader.read(out)).get("gzip")).get("environment"));
  }

  @Test
  void syntaxErrorsListEveryBadLine() throws IOException {
    write("buildout.cfg", "[a]\nx = 1\noops\n[b]\nkey with space = 1\n");
    assertEquals(1, run("resolve", "-U"));
    assertTrue(err.contains("[line  3]") && err.contains("[line  5]"), err);
  }

  @Test
  void commandLineAssignmentsOverride() throws IOException {
    write("buildout.cfg", "[a]\nx = 1\n");
    assertEquals(0, run("query", "-U", "a:x", "a:x=2"));
    assertEquals("2\n", out);
  }

  @Test
  void queryPrintsOneResolvedValueOrSaysWhatIsMissing() throws IOException {
    write("buildout.cfg", "[buildout]\nname = ${a:x}\n[a]\nx = 1\n");
    assertEquals(0, run("query", "-U", "name"));
    assertEquals("1\n", out);
    assertEquals(1, run("query", "-U", "a:nope"));
    assertTrue(err.contains("Error: Key not found: nope"), err);
    assertEquals(1, run("query", "-U", "nosuch:x"));
    assertTrue(err.contains("Error: Section not found: nosuch"), err);
    assertEquals(1, run("query", "-U", "a:b:c"));
    assertTrue(err.contains("Error: Invalid option: a:b:c"), err);
  }

  @Test
  void queryCreatesTheRecipesOfWhatItReadsUnlessNoRecipes() throws IOException {
    write(
        "buildout.cfg",
        "[buildout]\nparts =\n[archive]\nrecipe = download\nurl = file:///nowhere/a.tar\n"
            + "[service]\nfile = ${archive:location}/a.tar\n");
    assertEquals(0, run("query", "-U", "service:file"));
    assertEquals(dir.resolve("parts/archive") + "/a.tar\n", out);
    assertEquals(1, run("query", "-U", "--no-recipes", "service:file"));
    assertTrue(err.contains("location"), err);
  }

  @Test
  void annotateSaysWhereEachValueCameFrom() throws IOException {
    write("base.cfg", "[s]\nx = a1\n  a2\n");
    write("buildout.cfg", "[buildout]\nextends = base.cfg\n[s]\nx += top\nx -= a1\n");
    assertEquals(0, run("annotate", "-U", "s"));
    assertEquals(
        "\nAnnotated sections\n==================\n\n[s]\nx= a2\ntop\n    base.cfg:2\n+=  buildout.cfg:4\n-=  buildout.cfg:5\n",
        out);
    assertEquals(0, run("annotate", "-U", "--format", "json", "buildout"));
    Map<?, ?> directory =
        (Map<?, ?>)
            ((Map<?, ?>) ((Map<?, ?>) JsonReader.read(out)).get("buildout")).get("directory");
    assertEquals(dir.toString(), directory.get("value"));
    assertEquals(
        "COMPUTED_VALUE", ((Map<?, ?>) ((List<?>) directory.get("history")).get(0)).get("source"));
  }

  @Test
  void verboseAnnotateShowsTheWholeHistoryNewestFirst() throws IOException {
    write("base.cfg", "[s]\nx = base\n");
    write("b1.cfg", "[buildout]\nextends = base.cfg\n[s]\nx = b1\n");
    write("b2.cfg", "[buildout]\nextends = base.cfg\n");
    write("buildout.cfg", "[buildout]\nextends = b1.cfg b2.cfg\n");
    assertEquals(0, run("annotate", "-U", "-v", "s"));
    assertTrue(
        out.contains(
            "x= base\n\n   IN base.cfg:2\n   OVERRIDE VALUE = base\n   IN b1.cfg:4\n"
                + "   OVERRIDE VALUE = b1\n   IN base.cfg:2\n   SET VALUE = base\n"),
        out);
  }

  /** zc.buildout 4.1.12's output for these profiles, with {@code :line} after each file name. */
  @Test
  void annotateShowsAnIncrementInANewSectionAsZcBuildoutDoes() throws IOException {
    write("buildout.cfg", "[buildout]\nparts =\n[new]\nm -= 2\nn += 2\n");
    assertEquals(0, run("annotate", "-U", "new"));
    assertEquals(
        "\nAnnotated sections\n==================\n\n[new]\n"
            + "m=\n    buildout.cfg:4\n-=  IMPLICIT_VALUE\n"
            + "n= 2\n    buildout.cfg:5\n",
        out);
    assertEquals(0, run("annotate", "-U", "-v", "new"));
    assertEquals(
        "\nAnnotated sections\n==================\n\n[new]\n"
            + "m=\n\n   IN IMPLICIT_VALUE\n   REMOVE VALUE = 2\n   IN buildout.cfg:4\n"
            + "   SET VALUE = 2\n\n"
            + "n= 2\n\n   IN buildout.cfg:5\n   SET VALUE = 2\n\n",
        out);
  }

  @Test
  void verboseAnnotatePrintsImplicitValueWithInAndDefaultsWithAs() throws IOException {
    write("base.cfg", "[s]\nother = 1\n");
    write("buildout.cfg", "[buildout]\nextends = base.cfg\nparts =\n[s]\nm -= 2\nn += 3\n");
    assertEquals(0, run("annotate", "-U", "-v", "s"));
    assertEquals(
        "\nAnnotated sections\n==================\n\n[s]\n"
            + "m=\n\n   IN buildout.cfg:5\n   REMOVE VALUE = 2\n   IN IMPLICIT_VALUE\n"
            + "   SET VALUE = \n\n"
            + "n= \n3\n\n   IN buildout.cfg:6\n   ADD VALUE = 3\n   IN IMPLICIT_VALUE\n"
            + "   SET VALUE = \n\n"
            + "other= 1\n\n   IN base.cfg:2\n   SET VALUE = 1\n\n",
        out);
    assertEquals(0, run("annotate", "-U", "-v", "buildout"));
    assertTrue(out.contains("\n   AS DEFAULT_VALUE\n   SET VALUE = true\n"), out);
    assertTrue(out.contains("\n   AS COMPUTED_VALUE\n"), out);
  }

  @Test
  void conditionsAnswerForTheChosenPython() throws IOException {
    write("buildout.cfg", "[s]\nv = old\n[s:python_version >= \"3.12\"]\nv = new\n");
    assertEquals(0, run("query", "-U", "s:v"));
    assertEquals("old\n", out);
    assertEquals(0, run("query", "-U", "--python", "3.12", "s:v"));
    assertEquals("new\n", out);
  }

  @Test
  void aMissingProfileAndBadUsageAreErrors() {
    assertEquals(1, run("resolve", "-U", "-c", "nope.cfg"));
    assertTrue(err.contains("Error: Couldn't open " + dir.resolve("nope.cfg")), err);
    assertEquals(1, run("resolve", "--bogus"));
    assertTrue(err.contains("Error: Invalid option --bogus"), err);
    assertEquals(1, run("frobnicate", "-U"));
    assertTrue(err.contains("Error: invalid command: frobnicate"), err);
    assertEquals(0, run("--help"));
    assertTrue(out.startsWith("Usage: buildout4j"), out);
  }
}

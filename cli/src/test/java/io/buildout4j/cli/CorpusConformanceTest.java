package io.buildout4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conformance over the SlapOS corpus ({@code shared/corpus}): for every profile, {@code resolve
 * --raw}, {@code resolve --no-recipes}, {@code resolve --no-recipes --recipe-placeholders} and the
 * {@code order} of {@code plan --no-recipes} agree with what zc.buildout 4.1.12 made of it ({@code
 * expected/P.raw.json}, {@code P.json}, {@code P.lenient.json}, {@code P.order.json}), by the rules
 * of {@code shared/oracle/compare.py}. The corpus is found at the system property {@code
 * buildout4j.corpus}, else {@code ../shared/corpus} from the repository; without it the tests are
 * skipped, and say so.
 */
class CorpusConformanceTest {
  /**
   * The oracle printed its interpreter, {@code /usr/bin/python3}, as {@code @PYTHON@} wherever it
   * appeared (even inside literal values), so we use it as {@code ${buildout:executable}} and
   * replace it the same way.
   */
  private static final String PYTHON = "/usr/bin/python3";

  private static Path corpus;
  private static List<String> profiles;

  @BeforeAll
  static void findCorpus() throws IOException {
    String property = System.getProperty("buildout4j.corpus");
    corpus =
        property != null && !property.isEmpty()
            ? Path.of(property)
            : Path.of("").toAbsolutePath().getParent().resolve("../shared/corpus").normalize();
    profiles = new ArrayList<>();
    Path expected = corpus.resolve("expected");
    if (Files.isDirectory(expected)) {
      try (Stream<Path> files = Files.walk(expected)) {
        files
            .map(p -> expected.relativize(p).toString())
            .filter(p -> p.endsWith(".raw.json"))
            .map(p -> p.substring(0, p.length() - ".raw.json".length()))
            .sorted()
            .forEach(profiles::add);
      }
    }
  }

  @Test
  void rawResolutionMatchesTheOracle() throws IOException {
    check("raw", "raw", List.of("resolve", "--no-recipes", "--raw"));
  }

  @Test
  void resolutionWithoutRecipesMatchesTheOracle() throws IOException {
    check("resolved", "", List.of("resolve", "--no-recipes"));
  }

  @Test
  void resolutionWithRecipePlaceholdersMatchesTheOracle() throws IOException {
    check("lenient", "lenient", List.of("resolve", "--no-recipes", "--recipe-placeholders"));
  }

  /**
   * {@code plan --no-recipes} orders the parts as buildout's install would ({@code P.order.json},
   * made with recipe placeholders, which {@code plan --no-recipes} implies).
   */
  @Test
  void planWithoutRecipesOrdersPartsAsTheOracle() throws IOException {
    check("order", "order", List.of("plan", "--no-recipes"));
  }

  private void check(String kind, String suffix, List<String> command) throws IOException {
    assumeTrue(
        !profiles.isEmpty(),
        "SKIPPED: no conformance corpus at " + corpus + " (set -Dbuildout4j.corpus)");
    Path root = corpus.resolve("slapos");
    Map<String, String> replacements = new LinkedHashMap<>();
    replacements.put(root.toRealPath().toString(), "@ROOT@");
    replacements.put(root.toAbsolutePath().normalize().toString(), "@ROOT@");
    replacements.put(PYTHON, "@PYTHON@");
    int compared = 0;
    List<String> mismatches = new ArrayList<>();
    for (String profile : profiles) {
      Path expectedFile =
          corpus
              .resolve("expected")
              .resolve(profile + (suffix.isEmpty() ? "" : "." + suffix) + ".json");
      if (!Files.exists(expectedFile)) {
        continue;
      }
      compared++;
      List<String> args = new ArrayList<>(command);
      args.addAll(
          List.of(
              "-U",
              "--format",
              "json",
              "--executable",
              PYTHON,
              "-c",
              root.resolve(profile).toString()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      new Main(
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              root)
          .run(args);
      Object expected = JsonReader.read(Files.readString(expectedFile));
      Object actual = JsonReader.read(out.toString(StandardCharsets.UTF_8));
      if (command.get(0).equals("plan")
          && actual instanceof Map<?, ?> plan
          && plan.containsKey("order")) {
        actual = plan.get("order");
      }
      List<String> differences = OracleComparison.differences(expected, actual, replacements);
      if (!differences.isEmpty()) {
        String first = differences.get(0);
        mismatches.add(
            profile
                + ": "
                + (first.length() > 400 ? first.substring(0, 400) + "..." : first)
                + (differences.size() > 1 ? " (+" + (differences.size() - 1) + " more)" : ""));
      }
    }
    System.out.printf(
        "conformance %s: %d of %d profiles match the oracle%n",
        kind, compared - mismatches.size(), compared);
    assertTrue(
        mismatches.isEmpty(),
        kind
            + ": "
            + mismatches.size()
            + " of "
            + compared
            + " profiles differ from the oracle:\n"
            + String.join("\n", mismatches.subList(0, Math.min(30, mismatches.size()))));
  }
}

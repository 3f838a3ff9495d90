package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chains far deeper than any real profile (SlapOS releases reach a few hundred levels) resolve
 * without overflowing the stack of the caller's thread, and runaway profiles end with a {@link
 * BuildoutException}: 10,000 nested references, extends (with and without user defaults and full
 * history) and {@code <=} macros, a 10,000-long chain inside one section, loops at the end of
 * 5,000-long chains, a missing section at the end of a 10,000-long chain, and a value that doubles
 * 40 times. Each scenario prints how long it took; none asserts a timing.
 *
 * <p>The scenarios run on the test's own thread, whose stack has the JVM's default size as an
 * embedder's would; past DeepCalls' depth limit on that thread they continue on a helper thread.
 */
class DeepChainTest {
  private static final int DEPTH = 10_000;

  @TempDir Path dir;
  private final AtomicInteger scenarios = new AtomicInteger();

  /** One deep profile: what it is, and the check run against the files it wrote. */
  private interface Scenario {
    void run(Path dir, int depth);
  }

  // ------------------------------------------------------------------ on the caller's thread

  @Test
  void tenThousandNestedReferencesAcrossSections() {
    timed("10,000 nested references across sections", DEPTH, DeepChainTest::acrossSections);
  }

  @Test
  void tenThousandNestedExtends() {
    timed(
        "10,000 nested extends (summarised, then full history)",
        DEPTH,
        DeepChainTest::extendsChain);
  }

  @Test
  void tenThousandNestedExtendsWithUserDefaults() {
    timed("10,000 nested extends with user defaults", DEPTH, DeepChainTest::extendsWithDefaults);
  }

  @Test
  void tenThousandNestedMacros() {
    timed("10,000 nested <= macros", DEPTH, DeepChainTest::nestedMacros);
  }

  @Test
  void tenThousandChainedReferencesInOneSection() {
    timed("10,000 chained references in one section", DEPTH, DeepChainTest::oneSection);
  }

  @Test
  void aSelfReferenceAtTheEndOfALongChainIsNamed() {
    timed("5,000 references ending in a self-reference", 5_000, DeepChainTest::selfReference);
  }

  @Test
  void aLoopBackToTheMiddleOfALongChainIsNamed() {
    timed("5,000 references looping back to the middle", 5_000, DeepChainTest::loopToTheMiddle);
  }

  @Test
  void aMissingSectionAtTheEndOfALongChainIsReported() {
    timed("10,000 references ending in a missing section", DEPTH, DeepChainTest::missingAtTheEnd);
  }

  @Test
  void exponentialSelfExpansionStopsAtTheLimit() {
    timed("2^40 self-expansion", 40, DeepChainTest::exponentialExpansion);
  }

  // --------------------------------------------------------------------------- scenarios

  /** {@code [s0] v = ${s1:v}} ... {@code [s9999] v = end}. */
  private static void acrossSections(Path dir, int depth) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < depth - 1; i++) {
      text.append("[s").append(i).append("]\nv = ${s").append(i + 1).append(":v}\n");
    }
    text.append("[s").append(depth - 1).append("]\nv = end\n");
    Profile p = loader(dir).load(write(dir, "buildout.cfg", text.toString()));
    assertEquals("end", p.get("s0", "v"));
    assertEquals(depth + 1, p.resolveAll().size());
  }

  /** File i extends file i+1; each overrides {@code depth} and adds a line to {@code sum}. */
  private static void extendsChain(Path dir, int depth) {
    for (int i = 0; i < depth - 1; i++) {
      write(
          dir,
          "f" + i + ".cfg",
          "[buildout]\nextends = f" + (i + 1) + ".cfg\n[s]\ndepth = " + i + "\nsum += " + i + "\n");
    }
    write(dir, "f" + (depth - 1) + ".cfg", "[leaf]\nv = end\n[s]\ndepth = leaf\nsum = leaf\n");
    for (boolean full : new boolean[] {false, true}) {
      Profile p = loader(dir).fullHistory(full).load(dir.resolve("f0.cfg"));
      assertEquals("end", p.get("leaf", "v"));
      assertEquals("0", p.get("s", "depth"));
      String sum = p.get("s", "sum");
      assertTrue(sum.startsWith("leaf\n" + (depth - 2) + "\n"), sum.substring(0, 20));
      assertTrue(sum.endsWith("\n2\n1\n0"));
      assertEquals(full ? depth : 1, p.annotate("s", "depth").history().size());
    }
  }

  /** The same chain, with user defaults merged under its leaf. */
  private static void extendsWithDefaults(Path dir, int depth) {
    for (int i = 0; i < depth - 1; i++) {
      write(
          dir,
          "f" + i + ".cfg",
          "[buildout]\nextends = f" + (i + 1) + ".cfg\n[s]\nsum += " + i + "\n");
    }
    write(dir, "f" + (depth - 1) + ".cfg", "[leaf]\nv = end\n");
    Path defaults = write(dir, "default.cfg", "[s]\nsum = user\n");
    Profile p =
        loader(dir).userDefaults(true).userDefaultsFile(defaults).load(dir.resolve("f0.cfg"));
    assertEquals("end", p.get("leaf", "v"));
    assertTrue(p.get("s", "sum").startsWith("user\n" + (depth - 2) + "\n"));
  }

  /** {@code [s0] <= s1} ... each adding {@code own_i = ${:v}}; {@code [s9999] v = end}. */
  private static void nestedMacros(Path dir, int depth) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < depth - 1; i++) {
      text.append("[s").append(i).append("]\n<= s").append(i + 1).append("\nown").append(i);
      text.append(" = ${:v}\n");
    }
    text.append("[s").append(depth - 1).append("]\nv = end\n");
    Profile p = loader(dir).load(write(dir, "buildout.cfg", text.toString()));
    assertEquals("end", p.get("s0", "v"));
    assertEquals("end", p.get("s0", "own" + (depth - 2)));
    assertEquals(depth, p.section("s0").size());
  }

  /** {@code [s] v0 = ${:v1}} ... {@code v9999 = end}. */
  private static void oneSection(Path dir, int depth) {
    StringBuilder text = new StringBuilder("[s]\n");
    for (int i = 0; i < depth - 1; i++) {
      text.append('v').append(i).append(" = ${:v").append(i + 1).append("}\n");
    }
    text.append('v').append(depth - 1).append(" = end\n");
    Profile p = loader(dir).load(write(dir, "buildout.cfg", text.toString()));
    assertEquals("end", p.get("s", "v0"));
    assertEquals(depth, p.section("s").size());
  }

  /** 5,000 sections referring to the next; the last refers to itself. */
  private static void selfReference(Path dir, int depth) {
    int length = depth;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length - 1; i++) {
      text.append("[s").append(i).append("]\nv = ${s").append(i + 1).append(":v}\n");
    }
    text.append("[s").append(length - 1).append("]\nv = x ${:v}\n");
    Path profile = write(dir, "buildout.cfg", text.toString());
    CircularReferenceException e =
        assertThrows(
            CircularReferenceException.class, () -> loader(dir).load(profile).get("s0", "v"));
    String last = "s" + (length - 1) + ":v";
    assertEquals(List.of(last, last), e.chain());
  }

  /** 5,000 sections referring to the next; the last refers back to the 2,500th. */
  private static void loopToTheMiddle(Path dir, int depth) {
    int length = depth;
    int back = depth / 2;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length - 1; i++) {
      text.append("[s").append(i).append("]\nv = ${s").append(i + 1).append(":v}\n");
    }
    text.append("[s").append(length - 1).append("]\nv = ${s").append(back).append(":v}\n");
    Path profile = write(dir, "buildout.cfg", text.toString());
    CircularReferenceException e =
        assertThrows(
            CircularReferenceException.class, () -> loader(dir).load(profile).get("s0", "v"));
    List<String> chain = e.chain();
    assertEquals(chain.get(0), chain.get(chain.size() - 1), "the loop closes on itself");
    Set<String> expected = new HashSet<>();
    for (int i = back; i < length; i++) {
      expected.add("s" + i + ":v");
    }
    assertEquals(expected, new HashSet<>(chain), "the loop is s" + back + " .. s" + (length - 1));
    assertEquals(length - back + 1, chain.size());
  }

  /** 10,000 sections referring to the next; the last refers to a section nobody defines. */
  private static void missingAtTheEnd(Path dir, int depth) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < depth - 1; i++) {
      text.append("[s").append(i).append("]\nv = ${s").append(i + 1).append(":v}\n");
    }
    text.append("[s").append(depth - 1).append("]\nv = ${nowhere:v}\n");
    Path profile = write(dir, "buildout.cfg", text.toString());
    MissingSectionException e =
        assertThrows(MissingSectionException.class, () -> loader(dir).load(profile).get("s0", "v"));
    assertEquals("nowhere", e.section());
    assertTrue(e.getMessage().contains("referenced by s" + (depth - 1) + ":v"), e.getMessage());
    assertTrue(e.whileChain().size() > depth, "every step is in the While: chain");
  }

  /** {@code v_i = ${:v_(i-1)}${:v_(i-1)}}, 40 levels: 2^40 characters asked for. */
  private static void exponentialExpansion(Path dir, int levels) {
    StringBuilder text = new StringBuilder("[s]\nv0 = x\n");
    for (int i = 1; i <= levels; i++) {
      text.append('v').append(i).append(" = ${:v").append(i - 1).append("}${:v").append(i - 1);
      text.append("}\n");
    }
    Path profile = write(dir, "buildout.cfg", text.toString());
    BuildoutException e =
        assertThrows(
            BuildoutException.class, () -> loader(dir).load(profile).get("s", "v" + levels));
    assertTrue(e.getMessage().contains("grows beyond"), e.getMessage());
  }

  // ----------------------------------------------------------------------------- helpers

  private void timed(String what, int depth, Scenario scenario) {
    Path sub = dir.resolve("scenario" + scenarios.getAndIncrement());
    try {
      Files.createDirectories(sub);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long start = System.nanoTime();
    try {
      scenario.run(sub, depth);
    } finally {
      System.out.printf(
          "DeepChainTest: %s took %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    }
  }

  private static ProfileLoader loader(Path dir) {
    return Profiles.loader()
        .userDefaults(false)
        .offline(true)
        .executable("/usr/bin/python3")
        .workingDirectory(dir);
  }

  private static Path write(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

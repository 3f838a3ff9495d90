package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Every installed state survives a write and a read exactly (spec section 8.9): option values and
 * paths made of the characters the format has to quote (spaces, tabs, newlines, CR, FF, VT,
 * non-ASCII white space), the characters buildout gives a meaning ({@code %}, {@code %(}, {@code
 * ${}, {@code =}, {@code #}), literal quoting tokens, and any Unicode.
 */
class InstalledStateRoundTripPropertiesTest {
  private static final int EXAMPLES = 500;

  private static final String NAME_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
  private static final String OPTION_NAME_EXTRA = "_+-$%<>()!@é中";

  /** Pieces of values: each is tricky somewhere (start, end, next to a newline, or inside). */
  private static final List<String> PIECES =
      List.of(
          " ",
          "  ",
          "\t",
          "\n",
          "\n\n",
          "\r",
          "\r\n",
          "\f",
          "\u000b",
          "\u001c",
          "\u0085",
          "\u00a0",
          "\u2028",
          "\u3000",
          "\u2003",
          "%",
          "%(",
          "%(name)s",
          "100%",
          ")s",
          "${a:b}",
          "$${x}",
          "${",
          "=",
          " = ",
          "=>",
          "#",
          ";",
          "[s]",
          "[",
          "]",
          ":",
          "a",
          "xyz",
          "/srv/x",
          "é",
          "中",
          "😀",
          "\ud800",
          "\udfff",
          "%(__buildout_space__)s",
          "%(__buildout_space_n__)s",
          "%(__buildout_space_r__)s",
          "%(__buildout4j_u0009__)s",
          "%(__buildout4j_u",
          "__)s",
          "%(__buildout_space",
          "\\",
          "\"",
          "'");

  @TempDir Path dir;
  private int example;

  @Test
  void valuesRoundTripThroughTheParser() {
    qt().withExamples(EXAMPLES)
        .withShrinkCycles(200)
        .forAll(values())
        .checkAssert(
            value -> {
              String text = "[buildout]\nparts = p\n[p]\nk = " + InstalledStateFile.encode(value);
              assertEquals(
                  value,
                  InstalledStateFile.parse(text, "x.cfg")
                      .part("p")
                      .orElseThrow()
                      .options()
                      .get("k"),
                  () -> "written as " + text);
            });
  }

  @Test
  void statesRoundTripThroughTheFile() {
    qt().withExamples(EXAMPLES)
        .withShrinkCycles(200)
        .forAll(states())
        .checkAssert(
            state -> {
              Path file = dir.resolve("installed-" + example++ + ".cfg");
              InstalledStateFile.write(file, state);
              InstalledState read = InstalledStateFile.read(file);
              assertEquals(state, read, () -> "file:\n" + text(file));
            });
  }

  private static String text(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(deleted)";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- generators

  static Gen<String> values() {
    return in -> new Draw(in).value();
  }

  static Gen<InstalledState> states() {
    return in -> new Draw(in).state();
  }

  /** Draws from QuickTheories' randomness, so that failing cases shrink. */
  private static final class Draw {
    private final RandomnessSource in;

    Draw(RandomnessSource in) {
      this.in = in;
    }

    int between(int lo, int hi) {
      return Generate.range(lo, hi).generate(in);
    }

    <T> T pick(List<T> items) {
      return items.get(between(0, items.size() - 1));
    }

    String value() {
      StringBuilder out = new StringBuilder();
      int pieces = between(0, 12);
      for (int i = 0; i < pieces; i++) {
        if (between(0, 9) == 0) {
          // any UTF-16 code unit, surrogates included
          out.append((char) between(0, 0xffff));
        } else {
          out.append(pick(PIECES));
        }
      }
      return out.toString();
    }

    String name(String alphabet) {
      StringBuilder out = new StringBuilder();
      int length = between(1, 8);
      for (int i = 0; i < length; i++) {
        out.append(alphabet.charAt(between(0, alphabet.length() - 1)));
      }
      return out.toString();
    }

    String path() {
      StringBuilder out = new StringBuilder();
      int pieces = between(1, 6);
      for (int i = 0; i < pieces; i++) {
        out.append(pick(List.of("/", "a", "my dir", " ", "  ", "\t", "x y", "é", "%(", "\r")));
      }
      return out.toString().replace("\n", "");
    }

    InstalledPart part(String name) {
      Map<String, String> options = new LinkedHashMap<>();
      int count = between(0, 5);
      for (int i = 0; i < count; i++) {
        options.put(name(NAME_CHARS + OPTION_NAME_EXTRA), value());
      }
      if (between(0, 1) == 0) {
        options.put("recipe", value());
        options.put(InstalledPart.SIGNATURE_OPTION, value());
      }
      List<String> paths = new ArrayList<>();
      int pathCount = between(0, 3);
      for (int i = 0; i < pathCount; i++) {
        paths.add(path());
      }
      return new InstalledPart(name, options, paths);
    }

    InstalledState state() {
      Set<String> names = new HashSet<>(Set.of("buildout"));
      List<InstalledPart> parts = new ArrayList<>();
      List<InstalledPart> pending = new ArrayList<>();
      int count = between(0, 4);
      for (int i = 0; i < count; i++) {
        String name = name(NAME_CHARS);
        if (names.add(name)) {
          parts.add(part(name));
        }
      }
      int pendingCount = between(0, 2);
      for (int i = 0; i < pendingCount; i++) {
        String name = name(NAME_CHARS);
        if (names.add(name)) {
          pending.add(part(name));
        }
      }
      String developEggs = between(0, 3) == 0 ? value() : "";
      return new InstalledState(developEggs, parts, pending);
    }
  }
}

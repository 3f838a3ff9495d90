package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Whatever a profile says, loading and resolving it either succeeds or fails with a {@link
 * BuildoutException} that explains itself: never a {@code NullPointerException}, an index out of
 * bounds, a stack overflow or any other internal error. Checked on random text, on random bytes,
 * and on random well-shaped profiles whose references, macros and increments point anywhere
 * (missing, circular, malformed). Resolution is also deterministic, and for profiles made only of
 * well-formed references it agrees with a small model of substitution (spec section 5).
 */
class MalformedProfilePropertiesTest {
  /**
   * Pieces of profile text, weighted towards what the grammar and substitution react to, separated
   * by {@code |}.
   */
  private static final List<String> TOKENS =
      List.of(
          ("[|]|=|${|}|:|+|-|<|>|\n|\n|\n|\n|\t| | |  |#|;|é|\u2028|\r|\r\n|$$|$|{|"
                  + "buildout|s|t|x|y|a.b|<=|=>|+=|-=|[buildout]|[s]|[t]|\n  |\n\t|\n |(|)|'|\"|"
                  + "\\|\u0000|\uFEFF|😀|${:_profile_base_location_}|${buildout:directory}|${:x}|"
                  + "${s:x}|${t:y}|${s:y}|$${s:x}|${ s : x }|${a}|${a:b:c}|${:}|${s:}|"
                  + "_buildout_section_name_|extends|optional-extends|extends-cache|"
                  + "download-cache|eggs-directory|directory|log-level|offline|newest|installed|"
                  + "install-from-cache|verbosity|true|false|DEBUG|recipe|parts|extended-by|.|..|"
                  + "/|buildout.cfg|other.cfg|sub/x.cfg|sub|[s:|linux|python3| and | or |not |==|"
                  + "sys.platform|python_version|\"3.9\"|1/0|\u001c|\u0085|\u00a0|\u000b|\u000c|"
                  + "x = 1|y += 2|z -= 1|<part-dependencies>|~|*")
              .split("\\|", -1));

  @TempDir Path dir;
  private int example;

  // ------------------------------------------------------------ random text and bytes

  /** Three files that may extend each other: the profile, a sibling and one in a subdirectory. */
  record Texts(String profile, String other, String sub, Flags flags) {
    @Override
    public String toString() {
      return "flags="
          + flags
          + "\n--- buildout.cfg ---\n"
          + show(profile)
          + "\n--- other.cfg ---\n"
          + show(other)
          + "\n--- sub/x.cfg ---\n"
          + show(sub);
    }
  }

  /** Loader settings that change which code runs. */
  record Flags(boolean fullHistory, boolean placeholders, boolean slapos) {}

  @Test
  void randomTextFailsOnlyWithBuildoutExceptions() {
    qt().withExamples(500)
        .withShrinkCycles(300)
        .forAll(texts())
        .checkAssert(
            t -> {
              Path root = exampleDir();
              writeText(root.resolve("buildout.cfg"), t.profile());
              writeText(root.resolve("other.cfg"), t.other());
              writeText(root.resolve("sub/x.cfg"), t.sub());
              exercise(root, t.flags());
            });
  }

  @Test
  void randomBytesFailOnlyWithBuildoutExceptions() {
    Gen<byte[]> bytes =
        in -> {
          Draw d = new Draw(in);
          byte[] prefix = d.chance(50) ? "[s]\nx = ".getBytes(StandardCharsets.UTF_8) : new byte[0];
          byte[] out = new byte[prefix.length + d.between(0, 40)];
          System.arraycopy(prefix, 0, out, 0, prefix.length);
          for (int i = prefix.length; i < out.length; i++) {
            out[i] =
                (byte)
                    d.pick(
                            List.of(
                                0x80, 0xC3, 0xA9, 0xFF, 0xFE, 0xED, 0xA0, 0x5B, 0x5D, 0x0A, 0x3D,
                                0x61, 0xF0, 0x9F, 0x98, 0x00, 0xEF, 0xBB, 0xBF, 0x24, 0x7B, 0x7D))
                        .intValue();
          }
          return out;
        };
    qt().withExamples(200)
        .forAll(bytes.describedAs(MalformedProfilePropertiesTest::hex))
        .checkAssert(
            b -> {
              Path root = exampleDir();
              try {
                Files.write(root.resolve("buildout.cfg"), b);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              exercise(root, new Flags(false, false, true));
            });
  }

  /**
   * Found by {@link #randomTextFailsOnlyWithBuildoutExceptions}: an increment whose raw key is at
   * most two characters ({@code d+=4}, {@code d-=4}, {@code += 1}) in a section no lower layer has
   * made {@code LayerMerge} throw {@code StringIndexOutOfBoundsException} (fixed in 838ccc9).
   */
  @Test
  void incrementWithoutSpaceBeforeTheOperatorIsNotAnInternalError() {
    for (String text :
        List.of(
            "[s]\nd+=4\n",
            "[s]\nd-=4\n",
            "[s]\nd+ = 4\n",
            "[s]\n+= 1\n",
            "[s]\n- += 1\n",
            "[s]\nd=1\nd+=4\n",
            "[buildout]\nd+=4\n")) {
      Path root = exampleDir();
      writeText(root.resolve("buildout.cfg"), text);
      exercise(root, new Flags(false, false, true));
    }
  }

  /**
   * Spec 1.4: {@code d+=4} appends to {@code d} (raw key {@code "d+"}), as {@code a+ = 1} is {@code
   * a += 1}; and 3.1.1 turns a leading {@code +=} into an assignment. In a section no lower layer
   * has, {@code LayerMerge.newSection} takes the option name as {@code raw.substring(0, length -
   * 2)} in upstream 4.x ({@code k[:-2]}, which assumes the {@code " +"} of {@code "d +"});
   * buildout4j strips the operator as {@code mergeSection} does (docs/differences.md).
   */
  @Test
  void incrementWithoutSpaceBeforeTheOperatorNamesTheWholeOption() {
    Path root = exampleDir();
    writeText(root.resolve("buildout.cfg"), "[s]\nabc+=4\nxyz-=4\nd+=5\n");
    Profile profile =
        loader(root, new Flags(false, false, true)).load(root.resolve("buildout.cfg"));
    assertEquals("4", profile.find("s", "abc"));
    assertEquals("", profile.find("s", "xyz"));
    assertEquals("5", profile.find("s", "d"));
    assertEquals(Set.of("abc", "xyz", "d"), profile.section("s").keySet());
  }

  private void exercise(Path root, Flags flags) {
    Profile profile = attempt(() -> loader(root, flags).load(root.resolve("buildout.cfg")), "load");
    if (profile == null) {
      return;
    }
    attempt(profile::resolveAll, "resolveAll");
    attempt(profile::partOrder, "partOrder");
    for (String section : profile.sectionNames()) {
      attempt(() -> profile.section(section), "section " + section);
      for (String option : profile.raw().sections().get(section).keySet()) {
        attempt(() -> profile.annotate(section, option), "annotate " + section + ":" + option);
        attempt(() -> profile.find(section, option), "find " + section + ":" + option);
      }
    }
  }

  /** Runs one call: any result, or a BuildoutException that says something. Null if it failed. */
  private static <T> T attempt(Supplier<T> call, String what) {
    try {
      return call.get();
    } catch (BuildoutException e) {
      assertUseful(e, what);
      return null;
    } catch (Throwable e) {
      throw new AssertionError(what + " threw " + e + " instead of a BuildoutException", e);
    }
  }

  private static void assertUseful(BuildoutException e, String what) {
    String message = e.getMessage();
    assertNotNull(message, what + ": BuildoutException without a message: " + e.getClass());
    assertFalse(
        message.isBlank(), what + ": BuildoutException with a blank message: " + e.getClass());
    assertNotNull(e.kind(), what + ": no kind");
    assertFalse(e.describe().isBlank(), what);
  }

  static Gen<Texts> texts() {
    return in -> {
      Draw d = new Draw(in);
      return new Texts(
          text(d, 60),
          text(d, 25),
          text(d, 15),
          new Flags(d.chance(30), d.chance(30), d.chance(80)));
    };
  }

  private static String text(Draw d, int maxTokens) {
    StringBuilder text = new StringBuilder();
    int start = d.between(0, 9);
    if (start < 4) {
      text.append("[buildout]\n");
    } else if (start < 7) {
      text.append("[s]\n");
    }
    int n = d.between(0, maxTokens);
    for (int i = 0; i < n; i++) {
      if (d.chance(3)) {
        text.appendCodePoint(d.between(0x20, 0x2FFF)); // anything of the BMP's first part
      } else {
        text.append(d.pick(TOKENS));
      }
    }
    return text.toString();
  }

  // ------------------------------------------------------- structured random profiles

  /** Sections other sections refer to; some are never defined. */
  private static final List<String> SECTIONS = List.of("a", "b", "c", "d.e", "f-g", "h_i");

  private static final List<String> OPTIONS = List.of("x", "y", "z", "w");

  /** A profile of up to three files (the first is loaded) and whether it is free of escapes. */
  record Files3(List<String> texts, boolean clean, Flags flags) {
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("clean=" + clean + " flags=" + flags);
      for (int i = 0; i < texts.size(); i++) {
        out.append("\n--- ").append(fileName(i)).append(" ---\n").append(texts.get(i));
      }
      return out.toString();
    }
  }

  /** What loading and resolving everything gave: the values, or the error. */
  record Outcome(Map<String, Map<String, String>> values, String error, List<String> whileChain) {}

  @Test
  void randomReferencesMacrosAndIncrementsResolveOrFailCleanlyAndDeterministically() {
    qt().withExamples(300)
        .withShrinkCycles(300)
        .forAll(structured())
        .checkAssert(
            p -> {
              Path root = exampleDir();
              for (int i = 0; i < p.texts().size(); i++) {
                writeText(root.resolve(fileName(i)), p.texts().get(i));
              }
              Outcome first = outcome(root, p.flags());
              Outcome second = outcome(root, p.flags());
              assertEquals(first, second, "two loads of the same files differ");
              if (first.values() != null && p.clean()) {
                assertNoReferenceLeft(first.values());
              }
            });
  }

  /** With no {@code $$} and no malformed reference written, every {@code ${} was substituted. */
  private static void assertNoReferenceLeft(Map<String, Map<String, String>> values) {
    for (Map.Entry<String, Map<String, String>> section : values.entrySet()) {
      for (Map.Entry<String, String> option : section.getValue().entrySet()) {
        assertFalse(
            option.getValue().contains("${"),
            section.getKey() + ":" + option.getKey() + " still holds a reference");
      }
    }
  }

  private Outcome outcome(Path root, Flags flags) {
    try {
      Profile profile = loader(root, flags).load(root.resolve(fileName(0)));
      return new Outcome(profile.resolveAll(), null, null);
    } catch (BuildoutException e) {
      assertUseful(e, "load and resolveAll");
      return new Outcome(
          null, e.getClass().getSimpleName() + ": " + e.getMessage(), e.whileChain());
    } catch (Throwable e) {
      throw new AssertionError("threw " + e + " instead of a BuildoutException", e);
    }
  }

  static Gen<Files3> structured() {
    return in -> {
      Draw d = new Draw(in);
      boolean[] clean = {true};
      int files = d.between(1, 3);
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < files; i++) {
        StringBuilder text = new StringBuilder();
        List<String> extended = new ArrayList<>();
        for (int j = i + 1; j < files; j++) {
          if (d.chance(70)) {
            extended.add(fileName(j));
          }
        }
        boolean buildout = d.chance(25);
        if (!extended.isEmpty() || buildout) {
          text.append("[buildout]\n");
          if (!extended.isEmpty()) {
            text.append("extends = ").append(String.join(" ", extended)).append('\n');
          }
          if (buildout) {
            statements(d, text, false, clean);
          }
        }
        int sections = d.between(0, 5);
        for (int s = 0; s < sections; s++) {
          text.append('[').append(d.pick(SECTIONS)).append("]\n");
          statements(d, text, true, clean);
        }
        texts.add(text.toString());
      }
      return new Files3(texts, clean[0], new Flags(d.chance(30), d.chance(20), d.chance(80)));
    };
  }

  private static void statements(Draw d, StringBuilder text, boolean macros, boolean[] clean) {
    int n = d.between(1, 5);
    for (int i = 0; i < n; i++) {
      if (macros && d.chance(15)) {
        text.append("<= ").append(d.chance(90) ? d.pick(SECTIONS) : "missing");
        if (d.chance(30)) {
          text.append("\n   ").append(d.pick(SECTIONS));
        }
        text.append('\n');
        continue;
      }
      String op = d.pick(List.of(" = ", " = ", " = ", " += ", " -= "));
      text.append(d.pick(OPTIONS)).append(op);
      int lines = d.between(1, 3);
      for (int l = 0; l < lines; l++) {
        if (l > 0) {
          text.append("\n    ");
        }
        int pieces = d.between(0, 3);
        for (int p = 0; p < pieces; p++) {
          text.append(piece(d, clean));
        }
        if (pieces == 0) {
          text.append("v").append(d.between(0, 3));
        }
      }
      text.append('\n');
    }
  }

  private static String piece(Draw d, boolean[] clean) {
    int kind = d.between(0, 99);
    if (kind < 35) {
      return d.pick(List.of("v0", "v1", "lit", "a b", "/p", " - ", "=", ":", "#x"));
    }
    if (kind < 90) {
      String section = d.chance(25) ? "" : d.chance(90) ? d.pick(SECTIONS) : "missing";
      String option =
          d.chance(88)
              ? d.pick(OPTIONS)
              : d.pick(List.of("nope", "_buildout_section_name_", "_profile_base_location_"));
      return "${" + section + ":" + option + "}";
    }
    clean[0] = false;
    return d.pick(List.of("$${a:x}", "${a}", "${a:b:c}", "${:}", "${ a : x }", "${a:x", "$$", "$"));
  }

  private static String fileName(int i) {
    return i == 0 ? "buildout.cfg" : "f" + i + ".cfg";
  }

  // ------------------------------------------------ well-formed references against a model

  /** One section's options, each a list of pieces: literal text or a reference. */
  record RefProfile(Map<String, Map<String, List<Piece>>> sections) {
    String render() {
      StringBuilder text = new StringBuilder();
      sections.forEach(
          (section, options) -> {
            text.append('[').append(section).append("]\n");
            options.forEach(
                (option, pieces) -> {
                  text.append(option).append(" = ");
                  pieces.forEach(p -> text.append(p.text()));
                  text.append('\n');
                });
          });
      return text.toString();
    }

    @Override
    public String toString() {
      return render();
    }
  }

  /** Literal text ({@code section} null) or {@code ${section:option}}. */
  record Piece(String section, String option, String literal) {
    String text() {
      return section == null ? literal : "${" + section + ":" + option + "}";
    }
  }

  /** The model's result for one option: a value or the kind of error that resolving it meets. */
  record Result(String value, Class<? extends BuildoutException> error) {}

  @Test
  void wellFormedReferencesResolveAsTheModelSays() {
    qt().withExamples(300)
        .withShrinkCycles(300)
        .forAll(refProfiles())
        .checkAssert(
            p -> {
              Path root = exampleDir();
              writeText(root.resolve("buildout.cfg"), p.render());
              Map<String, Map<String, Result>> model = model(p);
              Set<Class<? extends BuildoutException>> errors = new HashSet<>();
              for (Map<String, Result> options : model.values()) {
                for (Result r : options.values()) {
                  if (r.error() != null) {
                    errors.add(r.error());
                  }
                }
              }
              Map<String, Map<String, String>> resolved;
              try {
                resolved =
                    loader(root, new Flags(false, false, true))
                        .load(root.resolve("buildout.cfg"))
                        .resolveAll();
              } catch (BuildoutException e) {
                assertUseful(e, "resolveAll");
                assertTrue(
                    errors.contains(e.getClass()),
                    "resolveAll threw " + e + " but the model's errors are " + errors);
                return;
              } catch (Throwable e) {
                throw new AssertionError("threw " + e + " instead of a BuildoutException", e);
              }
              assertEquals(Set.of(), errors, "resolveAll succeeded but the model fails");
              model.forEach(
                  (section, options) -> {
                    Map<String, String> expected = new TreeMap<>();
                    options.forEach((option, r) -> expected.put(option, r.value()));
                    assertEquals(
                        expected, new TreeMap<>(resolved.get(section)), "[" + section + "]");
                  });
            });
  }

  /**
   * Names first, then values: most references go to an option defined later in the file (so most
   * profiles resolve), some anywhere (loops), a few to nothing or to {@code
   * _buildout_section_name_}.
   */
  static Gen<RefProfile> refProfiles() {
    return in -> {
      Draw d = new Draw(in);
      List<String[]> keys = new ArrayList<>();
      Map<String, Map<String, List<Piece>>> sections = new LinkedHashMap<>();
      int n = d.between(1, 5);
      for (int s = 0; s < n; s++) {
        String section = d.pick(SECTIONS);
        Map<String, List<Piece>> options =
            sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
        int m = d.between(1, 4);
        for (int o = 0; o < m; o++) {
          String option = d.pick(OPTIONS);
          if (options.put(option, List.of()) == null) {
            keys.add(new String[] {section, option});
          }
        }
      }
      for (int k = 0; k < keys.size(); k++) {
        String section = keys.get(k)[0];
        List<Piece> pieces = new ArrayList<>();
        int count = d.between(1, 3);
        int references = 0;
        for (int p = 0; p < count; p++) {
          if (!d.chance(50) || references == 2) {
            pieces.add(new Piece(null, null, d.pick(List.of("v", "a b", "/", "-", "1", "é"))));
            continue;
          }
          references++;
          int kind = d.between(0, 99);
          String[] target;
          if (kind < 75 && k + 1 < keys.size()) {
            target = keys.get(d.between(k + 1, keys.size() - 1)); // later: no loop
          } else if (kind < 85) {
            target = keys.get(d.between(0, keys.size() - 1)); // anywhere: maybe a loop
          } else if (kind < 92) {
            target = new String[] {d.pick(SECTIONS), "_buildout_section_name_"};
          } else if (kind < 96) {
            target = new String[] {d.pick(SECTIONS), d.pick(OPTIONS)};
          } else {
            target = new String[] {d.chance(50) ? "missing" : section, "nope"};
          }
          String ref = target[0].equals(section) && d.chance(50) ? "" : target[0];
          pieces.add(new Piece(ref, target[1], null));
        }
        sections.get(section).put(keys.get(k)[1], pieces);
      }
      return new RefProfile(sections);
    };
  }

  /** Substitution as spec section 5 describes it, option by option, with cycle detection. */
  private static Map<String, Map<String, Result>> model(RefProfile p) {
    Map<String, Result> memo = new HashMap<>();
    Map<String, Map<String, Result>> all = new LinkedHashMap<>();
    p.sections()
        .forEach(
            (section, options) -> {
              Map<String, Result> results = new LinkedHashMap<>();
              options
                  .keySet()
                  .forEach(o -> results.put(o, resolve(p, section, o, new ArrayList<>(), memo)));
              all.put(section, results);
            });
    return all;
  }

  private static Result resolve(
      RefProfile p, String section, String option, List<String> stack, Map<String, Result> memo) {
    String key = section + ":" + option;
    Result known = memo.get(key);
    if (known != null) {
      return known;
    }
    if (stack.contains(key)) {
      return new Result(null, CircularReferenceException.class);
    }
    stack.add(key);
    StringBuilder value = new StringBuilder();
    Result result = null;
    for (Piece piece : p.sections().get(section).get(option)) {
      if (piece.section() == null) {
        value.append(piece.literal());
        continue;
      }
      String target = piece.section().isEmpty() ? section : piece.section();
      Map<String, List<Piece>> options = p.sections().get(target);
      if (options == null) {
        result = new Result(null, MissingSectionException.class);
        break;
      }
      if (!options.containsKey(piece.option())) {
        if (piece.option().equals("_buildout_section_name_")) {
          value.append(section);
          continue;
        }
        result = new Result(null, MissingOptionException.class);
        break;
      }
      Result inner = resolve(p, target, piece.option(), stack, memo);
      if (inner.error() != null) {
        result = inner;
        break;
      }
      value.append(inner.value());
    }
    stack.remove(stack.size() - 1);
    if (result == null) {
      result = new Result(value.toString(), null);
    }
    memo.put(key, result);
    return result;
  }

  // ---------------------------------------------------------------------- helpers

  /** Built once: {@link Profiles#loader()} probes the machine, and loaders are immutable. */
  private static final ProfileLoader BASE =
      Profiles.loader().userDefaults(false).offline(true).executable("/usr/bin/python3");

  private static ProfileLoader loader(Path root, Flags flags) {
    return BASE.workingDirectory(root)
        .fullHistory(flags.fullHistory())
        .recipePlaceholders(flags.placeholders())
        .slaposExtensions(flags.slapos());
  }

  private Path exampleDir() {
    Path root = dir.resolve("ex" + example++);
    try {
      Files.createDirectories(root.resolve("sub"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  private static void writeText(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String show(String text) {
    return text.replace("\r", "\\r").replace("\u0000", "\\0");
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x ", b & 0xff));
    }
    return out.toString();
  }
}

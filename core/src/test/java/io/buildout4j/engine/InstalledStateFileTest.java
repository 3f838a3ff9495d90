package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.ProfileSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed database in zc.buildout's {@code .installed.cfg} format (spec section 8.9): the
 * file layout, the value encoding against outputs of zc.buildout's own writer, the tolerant read
 * side, pending parts and the atomic write.
 */
class InstalledStateFileTest {
  private static final String SIGNATURE = "myrecipes-a735f04bedcb2146cc73e56e933b9206";

  @TempDir Path dir;

  private static Map<String, String> options(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Value and the text zc.buildout 2.13.2 / 4.1.12 {@code _save_option} writes after "k = ". */
  private static final List<String[]> ZC_GOLDEN =
      List.of(
          // the spec's table (section 8.9)
          new String[] {"a\nb", "a\n\tb"},
          new String[] {"  lead", "%(__buildout_space__)s%(__buildout_space__)slead"},
          new String[] {
            "a\n  indented\nb", "a\n\t%(__buildout_space__)s%(__buildout_space__)sindented\n\tb"
          },
          new String[] {"x\n\ny", "x\n\t%(__buildout_space_n__)sy"},
          new String[] {"\nleading-nl", "%(__buildout_space_n__)sleading-nl"},
          new String[] {"tab\there", "tab\there"},
          // more outputs of zc.buildout's writer, each of which its reader reads back exactly
          new String[] {"", ""},
          new String[] {" ", "%(__buildout_space__)s"},
          new String[] {"  ", "%(__buildout_space__)s%(__buildout_space__)s"},
          new String[] {"\n", "%(__buildout_space_n__)s"},
          new String[] {"\n\n", "%(__buildout_space_n__)s%(__buildout_space_n__)s"},
          new String[] {"x\n", "x%(__buildout_space_n__)s"},
          new String[] {"x\n\n", "x\n\t%(__buildout_space_n__)s"},
          new String[] {"trailing ", "trailing%(__buildout_space__)s"},
          new String[] {"a \n b", "a%(__buildout_space__)s\n\t%(__buildout_space__)sb"},
          new String[] {"a\n\n\nb", "a\n\t%(__buildout_space_n__)s%(__buildout_space_n__)sb"},
          new String[] {
            "a \r\n b", "a%(__buildout_space__)s%(__buildout_space_r__)s\n\t%(__buildout_space__)sb"
          },
          new String[] {"\r\n", "%(__buildout_space_r__)s%(__buildout_space_n__)s"},
          new String[] {"\f", "%(__buildout_space_f__)s"},
          new String[] {"\u000b", "%(__buildout_space_v__)s"},
          new String[] {"\r", "%(__buildout_space_r__)s"},
          new String[] {"a\f\nb", "a%(__buildout_space_f__)s\n\tb"},
          new String[] {"\u000ba", "%(__buildout_space_v__)sa"},
          new String[] {"b\u000b", "b%(__buildout_space_v__)s"},
          new String[] {"x\t\n", "x\t%(__buildout_space_n__)s"},
          new String[] {"\n\tx", "%(__buildout_space_n__)s\tx"},
          new String[] {"a\n\n\tb", "a\n\t%(__buildout_space_n__)s\tb"},
          new String[] {"%(name)s 100%", "%(name)s 100%"},
          new String[] {"${a:b} $${c}", "${a:b} $${c}"},
          new String[] {"k = v", "k = v"},
          new String[] {"= x =", "= x ="},
          new String[] {"#c\n;d\n[s]", "#c\n\t;d\n\t[s]"},
          new String[] {"é 中 😀", "é 中 😀"},
          new String[] {
            " \n \n ",
            "%(__buildout_space__)s\n\t%(__buildout_space__)s%(__buildout_space_n__)s"
                + "%(__buildout_space__)s"
          },
          new String[] {
            "a\n \t b\n",
            "a\n\t%(__buildout_space__)s\t%(__buildout_space__)sb%(__buildout_space_n__)s"
          },
          new String[] {"/srv/my dir/x\n/srv/other", "/srv/my dir/x\n\t/srv/other"},
          new String[] {
            "\n \n", "%(__buildout_space_n__)s%(__buildout_space__)s%(__buildout_space_n__)s"
          },
          new String[] {
            "x \f\u000b\r\n\n \ty",
            "x%(__buildout_space__)s%(__buildout_space_f__)s%(__buildout_space_v__)s"
                + "%(__buildout_space_r__)s\n\t%(__buildout_space_n__)s%(__buildout_space__)s\ty"
          });

  /** Values zc.buildout loses, and how this writer keeps them. */
  private static final List<String[]> EXTENDED =
      List.of(
          // zc.buildout writes "k = \tx" and reads "x"
          new String[] {"\tx", "%(__buildout4j_u0009__)sx"},
          new String[] {"x\t", "x%(__buildout4j_u0009__)s"},
          new String[] {"a\t\nb", "a%(__buildout4j_u0009__)s\n\tb"},
          new String[] {"a\n\tb", "a\n\t%(__buildout4j_u0009__)sb"},
          new String[] {" \t", "%(__buildout_space__)s%(__buildout4j_u0009__)s"},
          // zc.buildout writes a raw CR, which its reader takes for a line break
          new String[] {"a\rb", "a%(__buildout_space_r__)sb"},
          new String[] {"a \rb", "a %(__buildout_space_r__)sb"},
          // non-ASCII white space at a line's ends, which Python's strip() removes
          new String[] {"x\u00a0", "x%(__buildout4j_u00A0__)s"},
          new String[] {"a \u00a0\nb", "a%(__buildout_space__)s%(__buildout4j_u00A0__)s\n\tb"},
          new String[] {"a\n\u2028\nb", "a\n\t%(__buildout4j_u2028__)s\n\tb"},
          new String[] {"\u3000", "%(__buildout4j_u3000__)s"},
          // inner non-ASCII white space is safe
          new String[] {"a\u00a0b\u2028c", "a\u00a0b\u2028c"},
          // a literal token: its % is quoted, so that it is not read as white space
          new String[] {"%(__buildout_space__)s", "%(__buildout4j_u0025__)s(__buildout_space__)s"},
          new String[] {
            "%(__buildout4j_u0041__)s", "%(__buildout4j_u0025__)s(__buildout4j_u0041__)s"
          },
          new String[] {"%(__buildout4j_uXYZW__)s", "%(__buildout4j_uXYZW__)s"},
          new String[] {"% ", "%%(__buildout_space__)s"},
          // a lone surrogate cannot be written as UTF-8
          new String[] {"a\ud800b", "a%(__buildout4j_uD800__)sb"},
          new String[] {"😀", "😀"});

  @Test
  void writesTheSpecExampleAsZcBuildoutDoes() throws IOException {
    InstalledState state =
        InstalledState.empty()
            .with(
                new InstalledPart(
                    "data-dir",
                    options(
                        "recipe", "myrecipes:mkdir",
                        "path", "/srv/buildout/i1/mydata",
                        "__buildout_signature__", SIGNATURE),
                    List.of("/srv/buildout/i1/mydata")))
            .with(
                new InstalledPart(
                    "auto",
                    options(
                        "x", " spaced \nvalue\n",
                        "recipe", "myrecipes:auto",
                        "Z", "upper",
                        "__buildout_signature__", SIGNATURE),
                    List.of()))
            .with(
                new InstalledPart(
                    "debug",
                    options(
                        "recipe", "myrecipes:debug",
                        "a_", "2",
                        "_a", "1",
                        "__buildout_signature__", SIGNATURE),
                    List.of("/srv/buildout/i1/parts/debug", "bin/debug tool")));
    // printed by zc.buildout's _save_options for the same options
    String expected =
        """
        [buildout]
        installed_develop_eggs =\s
        parts = data-dir auto debug

        [data-dir]
        __buildout_installed__ = /srv/buildout/i1/mydata
        __buildout_signature__ = myrecipes-a735f04bedcb2146cc73e56e933b9206
        path = /srv/buildout/i1/mydata
        recipe = myrecipes:mkdir

        [auto]
        Z = upper
        __buildout_installed__ =\s
        __buildout_signature__ = myrecipes-a735f04bedcb2146cc73e56e933b9206
        recipe = myrecipes:auto
        x = %(__buildout_space__)sspaced%(__buildout_space__)s
        \tvalue%(__buildout_space_n__)s

        [debug]
        __buildout_installed__ = /srv/buildout/i1/parts/debug
        \tbin/debug tool
        __buildout_signature__ = myrecipes-a735f04bedcb2146cc73e56e933b9206
        _a = 1
        a_ = 2
        recipe = myrecipes:debug
        """;
    Path file = dir.resolve(".installed.cfg");
    InstalledStateFile.write(file, state);
    assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8));
    assertEquals(state, InstalledStateFile.read(file));
    assertFalse(Files.exists(dir.resolve(".installed.cfg.tmp")));
  }

  @Test
  void readsTheSpecExample() {
    String text =
        """
        [buildout]
        installed_develop_eggs =\s
        parts = data-dir auto debug

        [data-dir]
        __buildout_installed__ = /srv/buildout/i1/mydata
        __buildout_signature__ = myrecipes-a735f04bedcb2146cc73e56e933b9206
        path = /srv/buildout/i1/mydata
        recipe = myrecipes:mkdir
        """;
    InstalledState state = InstalledStateFile.parse(text, "x.cfg");
    assertEquals("", state.developEggs());
    assertEquals(List.of("data-dir", "auto", "debug"), state.partNames());
    InstalledPart dataDir = state.part("data-dir").orElseThrow();
    assertEquals(List.of("/srv/buildout/i1/mydata"), dataDir.paths());
    assertEquals(
        options(
            "__buildout_signature__", SIGNATURE,
            "path", "/srv/buildout/i1/mydata",
            "recipe", "myrecipes:mkdir"),
        dataDir.options());
    assertEquals(
        List.of("__buildout_signature__", "path", "recipe"),
        List.copyOf(dataDir.options().keySet()));
  }

  @Test
  void encodesValuesExactlyAsZcBuildout() {
    for (String[] row : ZC_GOLDEN) {
      assertEquals(row[1], InstalledStateFile.encode(row[0]), () -> "encoding of " + show(row[0]));
      assertEquals(row[0], readBack(row[0]), () -> "round trip of " + show(row[0]));
    }
  }

  @Test
  void keepsTheValuesZcBuildoutWouldLose() {
    for (String[] row : EXTENDED) {
      assertEquals(row[1], InstalledStateFile.encode(row[0]), () -> "encoding of " + show(row[0]));
      assertEquals(row[0], readBack(row[0]), () -> "round trip of " + show(row[0]));
    }
  }

  @Test
  void decodesOnlyTheTokens() {
    assertEquals("%(name)s 100%", InstalledStateFile.decode("%(name)s 100%"));
    assertEquals(
        " \n\r\f\u000b\t",
        InstalledStateFile.decode(
            "%(__buildout_space__)s%(__buildout_space_n__)s%(__buildout_space_r__)s"
                + "%(__buildout_space_f__)s%(__buildout_space_v__)s%(__buildout4j_u0009__)s"));
    assertEquals("%(__buildout4j_u00a0__)s", InstalledStateFile.decode("%(__buildout4j_u00a0__)s"));
    assertEquals("%(__buildout_space_t__)s", InstalledStateFile.decode("%(__buildout_space_t__)s"));
  }

  /**
   * Cross-check with zc.buildout itself, where a Python with zc.buildout is installed (Debian's
   * python3-zc.buildout): a file written here is parsed by zc.buildout's reader, and every value
   * its own writer round-trips must be written byte for byte as it writes it and read back by it
   * exactly. The golden tables above carry the same check where Python is missing.
   */
  @Test
  void zcBuildoutReadsWhatThisWriterWrites() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 to run zc.buildout with");
    Path script = dir.resolve("check.py");
    Files.writeString(script, ZC_CHECK, StandardCharsets.UTF_8);
    Path errors = dir.resolve("python-errors.txt");
    ProcessBuilder probe =
        new ProcessBuilder(python.toString(), script.toString(), "--probe")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(errors.toFile());
    int probed = probe.start().waitFor();
    assumeTrue(
        probed == 0, () -> "zc.buildout cannot be imported by /usr/bin/python3: " + tail(errors));

    List<String> values = new ArrayList<>();
    for (String[] row : ZC_GOLDEN) {
      values.add(row[0]);
    }
    for (String[] row : EXTENDED) {
      values.add(row[0]);
    }
    java.util.Random random = new java.util.Random(20260101);
    List<String> pool =
        List.of(
            " ",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "\f",
            "\u000b",
            "\u00a0",
            "\u2028",
            "%",
            "%(",
            "%(x)s",
            "${a:b}",
            "=",
            "#",
            ";",
            "[s]",
            "a",
            "bc",
            "é",
            "😀",
            "%(__buildout_space__)s");
    for (int i = 0; i < 300; i++) {
      StringBuilder value = new StringBuilder();
      int pieces = random.nextInt(10);
      for (int j = 0; j < pieces; j++) {
        value.append(pool.get(random.nextInt(pool.size())));
      }
      values.add(value.toString());
    }
    Map<String, String> options = new LinkedHashMap<>();
    StringBuilder json = new StringBuilder("{\"file\": ");
    Path file = dir.resolve(".installed.cfg");
    json.append(jsonString(file.toString())).append(", \"values\": [");
    StringBuilder encoded = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      options.put("o" + i, values.get(i));
      json.append(i == 0 ? "" : ", ").append(jsonString(values.get(i)));
      encoded
          .append(i == 0 ? "" : ", ")
          .append(jsonString(InstalledStateFile.encode(values.get(i))));
    }
    json.append("], \"encoded\": [").append(encoded).append("]}");
    InstalledStateFile.write(
        file, InstalledState.empty().with(new InstalledPart("p", options, List.of("a b", " c"))));
    Path input = dir.resolve("values.json");
    Files.writeString(input, json, StandardCharsets.US_ASCII);

    Process check =
        new ProcessBuilder(python.toString(), script.toString(), input.toString())
            .redirectError(errors.toFile())
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, check.waitFor(), () -> output + tail(errors));
    assertTrue(output.startsWith("done "), () -> output + tail(errors));
    String[] counts = output.strip().split(" ");
    // most values are within what zc.buildout round-trips, and were compared
    assertTrue(Integer.parseInt(counts[1]) > 150, output);
  }

  private static final String ZC_CHECK =
      """
      import collections, collections.abc, io, json, sys
      collections.MutableMapping = collections.abc.MutableMapping  # zc.buildout 2.13 on Python 3.10+
      import zc.buildout.buildout as B, zc.buildout.configparser as C
      if sys.argv[1] == '--probe':
          sys.exit(0)
      data = json.load(open(sys.argv[1], encoding='ascii'))

      def zc_encode(v):
          f = io.StringIO()
          B._save_option('k', v, f)
          return f.getvalue()[len('k = '):-1]

      def zc_decode(v):
          if '%(' in v:
              for token, char in B._spacey_defaults:
                  v = v.replace(token, char)
          return v

      def zc_round_trips(v):
          if '%(__buildout4j_u' in v:
              return False  # literal tokens of buildout4j's own extension are quoted by it
          try:
              v.encode('utf-8')
              text = '[s]\\nk = ' + zc_encode(v) + '\\n'
              parsed = C.parse(io.StringIO(text, newline=None), 'x')
              return zc_decode(parsed['s']['k']) == v
          except Exception:
              return False

      with open(data['file'], encoding='utf-8') as fp:  # as zc.buildout opens it
          sections = C.parse(fp, data['file'])
      if sections['buildout']['parts'] != 'p':
          print('PARTS', ascii(sections['buildout']))
      if zc_decode(sections['p']['__buildout_installed__']).split('\\n') != ['a b', ' c']:
          print('PATHS', ascii(sections['p']['__buildout_installed__']))
      compared = lossy = 0
      for i, v in enumerate(data['values']):
          if not zc_round_trips(v):
              lossy += 1
          elif zc_encode(v) != data['encoded'][i]:
              print('ENCODING', i, ascii(v), ascii(zc_encode(v)), ascii(data['encoded'][i]))
          elif zc_decode(sections['p']['o%d' % i]) != v:
              print('READ', i, ascii(v), ascii(zc_decode(sections['p']['o%d' % i])))
          else:
              compared += 1
      print('done', compared, lossy)
      """;

  private static String jsonString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String tail(Path file) {
    try {
      String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The value as read from a file holding {@code key = encode(value)}. */
  private static String readBack(String value) {
    InstalledPart part = new InstalledPart("p", Map.of("k", value), List.of());
    InstalledState state = InstalledState.empty().with(part);
    return InstalledStateFile.parse(InstalledStateFile.render(state), "x.cfg")
        .part("p")
        .orElseThrow()
        .options()
        .get("k");
  }

  @Test
  void repeatedBuildoutSectionsMergeAndTheLastValueWins() {
    // zc.buildout appends [buildout] sections after uninstalls and path-neutral updates
    String text =
        """
        [buildout]
        installed_develop_eggs =\s
        parts = p1 p2 p3

        [p1]
        __buildout_installed__ = /p1
        recipe = r

        [p2]
        __buildout_installed__ = /p2
        recipe = r

        [p3]
        __buildout_installed__ = /p3
        recipe = r

        [buildout]
        installed_develop_eggs =\s

        [buildout]
        parts = p2 p3 p1

        [buildout]
        parts = p3 p1
        """;
    InstalledState state = InstalledStateFile.parse(text, "x.cfg");
    assertEquals(List.of("p3", "p1"), state.partNames());
    assertEquals(List.of("/p3"), state.part("p3").orElseThrow().paths());
    assertEquals(List.of(), state.pending());
    assertTrue(state.part("p2").isEmpty());
  }

  @Test
  void aListedPartWithoutSectionHasNoOptionsAndNoPaths() {
    String text =
        """
        [buildout]
        parts = a gone

        [a]
        __buildout_installed__ = /a
        recipe = r

        [orphan]
        __buildout_installed__ = /orphan
        """;
    InstalledState state = InstalledStateFile.parse(text, "x.cfg");
    assertEquals(List.of("a", "gone"), state.partNames());
    assertEquals(new InstalledPart("gone", Map.of(), List.of()), state.part("gone").orElseThrow());
    assertTrue(state.part("orphan").isEmpty());
    assertEquals("", state.developEggs());
  }

  @Test
  void pendingPartsAreListedAndWrittenAfterTheInstalledOnes() throws IOException {
    InstalledState state =
        InstalledState.empty()
            .with(new InstalledPart("a", Map.of("recipe", "r"), List.of("parts/a")))
            .with(new InstalledPart("b", Map.of("recipe", "r"), List.of("parts/b")))
            .withPending(new InstalledPart("c", Map.of("recipe", "r"), List.of("parts/c")))
            .withPending(new InstalledPart("b", Map.of("recipe", "r"), List.of("parts/b")));
    assertEquals(List.of("a"), state.partNames());
    Path file = dir.resolve(".installed.cfg");
    InstalledStateFile.write(file, state);
    assertEquals(
        """
        [buildout]
        buildout4j-pending = c b
        installed_develop_eggs =\s
        parts = a

        [a]
        __buildout_installed__ = parts/a
        recipe = r

        [c]
        __buildout_installed__ = parts/c
        recipe = r

        [b]
        __buildout_installed__ = parts/b
        recipe = r
        """,
        Files.readString(file, StandardCharsets.UTF_8));
    InstalledState read = InstalledStateFile.read(file);
    assertEquals(state, read);
    assertEquals(List.of("parts/c"), read.pendingPart("c").orElseThrow().paths());

    InstalledState finished =
        read.with(new InstalledPart("c", Map.of("recipe", "r"), List.of("parts/c")))
            .withoutPending("b");
    assertEquals(List.of("a", "c"), finished.partNames());
    assertEquals(List.of(), finished.pending());
  }

  @Test
  void aPartListedAsInstalledAndPendingIsPending() {
    String text =
        """
        [buildout]
        parts = a b
        buildout4j-pending = b

        [b]
        __buildout_installed__ = /b
        """;
    InstalledState state = InstalledStateFile.parse(text, "x.cfg");
    assertEquals(List.of("a"), state.partNames());
    assertEquals(List.of("/b"), state.pendingPart("b").orElseThrow().paths());
  }

  @Test
  void anEmptyStateDeletesTheFileAndAStaleTemporaryFile() throws IOException {
    Path file = dir.resolve(".installed.cfg");
    InstalledState state =
        InstalledState.empty().with(new InstalledPart("a", Map.of(), List.of("a")));
    InstalledStateFile.write(file, state);
    assertTrue(Files.exists(file));
    Files.writeString(dir.resolve(".installed.cfg.tmp"), "half written");
    InstalledStateFile.write(file, state.without("a"));
    assertFalse(Files.exists(file));
    assertFalse(Files.exists(dir.resolve(".installed.cfg.tmp")));
    assertEquals(InstalledState.empty(), InstalledStateFile.read(file));
    // nothing to delete is fine too
    InstalledStateFile.write(file, InstalledState.empty());
    assertFalse(Files.exists(file));
    // develop eggs alone keep the file
    InstalledStateFile.write(file, InstalledState.empty().withDevelopEggs("x.egg-link"));
    assertEquals("x.egg-link", InstalledStateFile.read(file).developEggs());
  }

  @Test
  void aMissingFileIsAnEmptyState() {
    InstalledState state = InstalledStateFile.read(dir.resolve("nothing-here.cfg"));
    assertTrue(state.isEmpty());
    assertEquals(InstalledState.empty(), state);
  }

  @Test
  void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve(".installed.cfg");
    Files.writeString(file, "[buildout]\nparts = old\n");
    InstalledState state =
        InstalledState.empty().with(new InstalledPart("new", Map.of("recipe", "r"), List.of()));
    InstalledStateFile.write(file, state);
    assertEquals(state, InstalledStateFile.read(file));
    try (var listing = Files.list(dir)) {
      assertEquals(List.of(file), listing.toList());
    }
  }

  @Test
  void writeErrorsNameTheFile() {
    Path file = dir.resolve("no-such-dir").resolve(".installed.cfg");
    InstalledState state = InstalledState.empty().with(new InstalledPart("a", Map.of(), List.of()));
    BuildoutException e =
        assertThrows(BuildoutException.class, () -> InstalledStateFile.write(file, state));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void aFileThatCannotBeParsedIsASyntaxErrorNamingFileAndLine() throws IOException {
    Path file = dir.resolve(".installed.cfg");
    Files.writeString(file, "[buildout]\nparts = a\nthis is not an option\n");
    ProfileSyntaxException e =
        assertThrows(ProfileSyntaxException.class, () -> InstalledStateFile.read(file));
    assertEquals(file.toString(), e.file());
    assertEquals(3, e.problems().get(0).line());
    assertTrue(e.getMessage().contains(file.toString() + ":3"), e.getMessage());
  }

  @Test
  void aConditionalHeaderIsASyntaxError() {
    ProfileSyntaxException e =
        assertThrows(
            ProfileSyntaxException.class,
            () -> InstalledStateFile.parse("[buildout:linux]\nparts =\n", "x.cfg"));
    assertEquals(1, e.problems().get(0).line());
  }

  @Test
  void pathsWithSpacesRoundTrip() throws IOException {
    List<String> paths =
        List.of(" leading", "trailing ", "/srv/my dir/a b", "  both  ", "tab\tinside", "é/中");
    InstalledState state =
        InstalledState.empty().with(new InstalledPart("p", Map.of("recipe", "r"), paths));
    Path file = dir.resolve(".installed.cfg");
    InstalledStateFile.write(file, state);
    assertEquals(paths, InstalledStateFile.read(file).part("p").orElseThrow().paths());
  }

  @Test
  void emptyPathsAreDroppedAndNewlinesRefused() {
    assertEquals(
        List.of("a", "b"), new InstalledPart("p", Map.of(), List.of("", "a", "", "b")).paths());
    assertThrows(
        IllegalArgumentException.class, () -> new InstalledPart("p", Map.of(), List.of("a\nb")));
    String text = "[buildout]\nparts = p\n[p]\n__buildout_installed__ =\n\ta\n\n\tb\n";
    assertEquals(
        List.of("a", "b"), InstalledStateFile.parse(text, "x.cfg").part("p").orElseThrow().paths());
  }

  @Test
  void optionsAreSortedByCodePoint() {
    InstalledPart part =
        new InstalledPart(
            "p", options("\uff5e", "bmp", "😀", "astral", "b", "2", "B", "1"), List.of());
    // Python sorts U+1F600 after U+FF5E; Java's compareTo would not
    assertEquals(List.of("B", "b", "\uff5e", "😀"), List.copyOf(part.options().keySet()));
  }

  @Test
  void namesThatCannotBeWrittenAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new InstalledPart("a b", Map.of(), List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> new InstalledPart("buildout", Map.of(), List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> new InstalledPart("a:b", Map.of(), List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new InstalledPart("p", Map.of("a=b", "v"), List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> new InstalledPart("p", Map.of("#x", "v"), List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new InstalledPart("p", Map.of(InstalledPart.PATHS_OPTION, "v"), List.of()));
    InstalledPart a = new InstalledPart("a", Map.of(), List.of());
    assertThrows(
        IllegalArgumentException.class, () -> new InstalledState("", List.of(a), List.of(a)));
  }

  @Test
  void withMovesAPartToTheEnd() {
    InstalledPart a = new InstalledPart("a", Map.of(), List.of());
    InstalledPart b = new InstalledPart("b", Map.of(), List.of());
    InstalledState state = InstalledState.empty().with(a).with(b).with(a.withPaths(List.of("x")));
    assertEquals(List.of("b", "a"), state.partNames());
    assertEquals(List.of("x"), state.part("a").orElseThrow().paths());
    assertEquals(List.of("b"), state.without("a").partNames());
    assertFalse(state.isEmpty());
    assertTrue(state.without("a").without("b").isEmpty());
  }

  private static String show(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

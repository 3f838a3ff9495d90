package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/**
 * Round trip of the profile grammar (spec section 1): random sections and options, written as
 * profile text in every layout the grammar allows (inline and block values, comments and blank
 * lines between and inside values, split sections, CRLF, tabs, a BOM), read back exactly.
 */
class ProfileRoundTripPropertiesTest {
  private static final int EXAMPLES = 500;

  private static final String NAME_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

  /** Text that may start or end a line: it neither starts nor ends with white space. */
  private static final List<String> VISIBLE =
      List.of(
          "a", "b", "z", "Q", "0", "7", "#", ";", "=", "[", "]", ":", "{", "}", "$", "+", "-", "<",
          ">", "(", ")", "'", "\"", "\\", "/", ".", ",", "!", "@", "%", "*", "~", "|", "?", "é",
          "中", "ß", "😀", "$$", "=>", "<=", "+=", "-=", "[s]", "x = y", "#c", ";c");

  /** References and escapes: rarer, since a section holding one is not read back resolved. */
  private static final List<String> SUBSTITUTING = List.of("${a:b}", "$${x:y}", "${:z}", "$${");

  /** Text allowed only inside a line: white space Python strips at the ends, but not a newline. */
  private static final List<String> INNER_ONLY =
      List.of(
          " ",
          " ",
          " ",
          "  ",
          "\t",
          "\u000b",
          "\u000c",
          "\u001c",
          "\u0085",
          "\u00a0",
          "\u2028",
          "\u3000",
          " # not a comment",
          " ; nor this",
          " = ",
          " [x] ",
          " : ");

  /** Built once: {@link Profiles#loader()} probes the machine, and loaders are immutable. */
  private static final ProfileLoader LOADER =
      Profiles.loader().userDefaults(false).executable("/usr/bin/python3");

  @TempDir Path dir;
  private int example;

  /** How a value was written: inline ({@code key = first} + continuations) or block. */
  enum Form {
    INLINE,
    BLOCK
  }

  record Option(String name, String value) {}

  record Section(String name, List<Option> options) {}

  /** The expected data, the order options first appear in the text, and the text itself. */
  record Case(List<Section> sections, Map<String, List<String>> keyOrder, String text) {
    @Override
    public String toString() {
      return "sections=" + sections + "\n--- buildout.cfg ---\n" + text.replace("\r", "\\r");
    }
  }

  @Test
  void everyValueComesBackExactly() {
    qt().withExamples(EXAMPLES).withShrinkCycles(200).forAll(cases()).checkAssert(this::check);
  }

  private void check(Case c) {
    Path file = write(c.text());
    Profile profile = LOADER.workingDirectory(file.getParent()).load(file);
    RawProfile raw = profile.raw();

    Set<String> expectedSections = new HashSet<>();
    expectedSections.add("buildout");
    c.sections().forEach(s -> expectedSections.add(s.name()));
    assertEquals(expectedSections, raw.sections().keySet(), "sections");

    for (Section section : c.sections()) {
      Map<String, RawValue> options = raw.sections().get(section.name());
      assertEquals(
          c.keyOrder().get(section.name()),
          new ArrayList<>(options.keySet()),
          "options of [" + section.name() + "] in order of first appearance");
      boolean substitutes = false;
      for (Option option : section.options()) {
        RawValue value = raw.value(section.name(), option.name());
        assertNotNull(value, section.name() + ":" + option.name());
        assertEquals(option.value(), value.value(), "raw " + section.name() + ":" + option.name());
        assertEquals(Operation.SET, value.history().last().operation());
        assertEquals(file.toString(), value.origin().location());
        substitutes |= option.value().contains("${");
      }
      if (substitutes) {
        continue; // resolving the section would substitute: not a round trip any more
      }
      for (Option option : section.options()) {
        assertEquals(
            option.value(),
            profile.get(section.name(), option.name()),
            "get " + section.name() + ":" + option.name());
      }
      assertEquals(
          c.keyOrder().get(section.name()),
          new ArrayList<>(profile.section(section.name()).keySet()),
          "resolved options of [" + section.name() + "] in buildout's key order");
    }
  }

  private Path write(String text) {
    Path sub = dir.resolve("ex" + example++);
    try {
      Files.createDirectories(sub);
      return Files.writeString(sub.resolve("buildout.cfg"), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- generators

  static Gen<Case> cases() {
    return in -> new Writer(new Draw(in)).build();
  }

  /** Draws the data and writes it out in one of the layouts the grammar allows. */
  private static final class Writer {
    private final Draw d;
    private final String newline;
    private final StringBuilder text = new StringBuilder();

    Writer(Draw d) {
      this.d = d;
      this.newline = d.pick(List.of("\n", "\n", "\r\n", "\r"));
    }

    Case build() {
      List<Section> sections = new ArrayList<>();
      Set<String> names = new HashSet<>(Set.of("buildout"));
      int count = d.between(1, 5);
      for (int i = 0; i < count; i++) {
        String name = name(false);
        if (!names.add(name)) {
          continue;
        }
        List<Option> options = new ArrayList<>();
        Set<String> optionNames = new HashSet<>();
        int n = d.between(0, 6);
        for (int j = 0; j < n; j++) {
          String option = name(true);
          if (optionNames.add(option)) {
            options.add(new Option(option, value()));
          }
        }
        sections.add(new Section(name, options));
      }

      // Each section is written as one or two chunks under headers of the same name; chunks of
      // different sections may interleave, and a section's options come out in chunk order.
      record Chunk(String section, List<Option> options) {}
      List<Chunk> chunks = new ArrayList<>();
      List<Chunk> seconds = new ArrayList<>();
      for (Section section : sections) {
        List<Option> options = section.options();
        int split =
            options.size() > 1 && d.chance(30) ? d.between(1, options.size() - 1) : options.size();
        chunks.add(new Chunk(section.name(), options.subList(0, split)));
        if (split < options.size()) {
          seconds.add(new Chunk(section.name(), options.subList(split, options.size())));
        }
      }
      for (Chunk second : seconds) {
        int first = 0;
        while (!chunks.get(first).section().equals(second.section())) {
          first++;
        }
        chunks.add(d.between(first + 1, chunks.size()), second);
      }
      Map<String, List<String>> keyOrder = new LinkedHashMap<>();
      for (Chunk chunk : chunks) {
        List<String> keys = keyOrder.computeIfAbsent(chunk.section(), k -> new ArrayList<>());
        chunk.options().forEach(o -> keys.add(o.name()));
      }

      if (d.chance(5)) {
        text.append('\uFEFF');
      }
      if (d.chance(30)) {
        comment();
      }
      if (d.chance(20)) {
        blank();
      }
      for (Chunk chunk : chunks) {
        header(chunk.section());
        if (d.chance(20)) {
          blank();
        }
        for (Option option : chunk.options()) {
          option(option);
          if (d.chance(15)) {
            comment();
          }
          if (d.chance(15)) {
            blank();
          }
        }
      }
      String written = text.toString();
      if (d.chance(20) && written.endsWith(newline)) {
        written = written.substring(0, written.length() - newline.length());
      }
      return new Case(sections, keyOrder, written);
    }

    private String name(boolean option) {
      StringBuilder name = new StringBuilder();
      int length = d.between(1, 10);
      for (int i = 0; i < length; i++) {
        name.append(NAME_CHARS.charAt(d.between(0, NAME_CHARS.length() - 1)));
      }
      String result = name.toString();
      if (option && result.endsWith("-")) {
        // "x- = v" is "x -= v" (spec 1.4): an operator, not a name.
        result = result.substring(0, result.length() - 1) + "_";
      }
      if (result.equals("buildout")) {
        result = result + "_";
      }
      return result;
    }

    private String value() {
      int kind = d.between(0, 9);
      if (kind == 0) {
        return "";
      }
      if (kind <= 4) {
        return line();
      }
      List<String> lines = new ArrayList<>();
      int count = d.between(2, 5);
      boolean block = kind >= 8;
      for (int i = 0; i < count; i++) {
        if (block && i > 0 && i < count - 1 && d.chance(20)) {
          lines.add("");
        } else if (block && d.chance(15)) {
          lines.add(d.pick(List.of(" ", "  ", "\t", " \t")) + line());
        } else {
          lines.add(line());
        }
      }
      if (block
          && lines.stream().allMatch(l -> l.isEmpty() || l.startsWith(" ") || l.startsWith("\t"))) {
        lines.set(0, line()); // textwrap.dedent would take the common margin away
      }
      return String.join("\n", lines);
    }

    /** A line with no white space at either end. */
    private String line() {
      StringBuilder line = new StringBuilder(d.pick(VISIBLE));
      int inner = d.between(0, 8);
      for (int i = 0; i < inner; i++) {
        int kind = d.between(0, 99);
        line.append(
            kind < 3 ? d.pick(SUBSTITUTING) : kind < 70 ? d.pick(VISIBLE) : d.pick(INNER_ONLY));
      }
      if (inner > 0) {
        line.append(d.pick(VISIBLE));
      }
      String result = line.toString();
      if (result.contains("${:_profile_base_location_}")) {
        return "x";
      }
      return result;
    }

    private void header(String name) {
      String header =
          switch (d.between(0, 5)) {
            case 0 -> "[ " + name + " ]";
            case 1 -> "[\t" + name + "]  ";
            case 2 -> "[" + name + "] # a comment";
            case 3 -> "[" + name + "];comment [x] = y";
            default -> "[" + name + "]";
          };
      text.append(header).append(newline);
    }

    private void option(Option option) {
      String key = option.name() + d.pick(List.of(" = ", "=", " =", "= ", "\t=\t", "   =   "));
      String value = option.value();
      List<String> lines = List.of(value.split("\n", -1));
      boolean inlineAllowed =
          !value.isEmpty()
              && lines.stream()
                  .noneMatch(l -> l.isEmpty() || l.startsWith(" ") || l.startsWith("\t"));
      Form form = inlineAllowed && d.chance(60) ? Form.INLINE : Form.BLOCK;
      String indent = d.pick(List.of("  ", "    ", "\t", " ", "\t  "));
      if (form == Form.INLINE) {
        text.append(stripEnd(key)).append(' ').append(lines.get(0)).append(newline);
        for (String line : lines.subList(1, lines.size())) {
          continuationExtras();
          // inline continuations are stripped, so any indentation (even per line) will do
          text.append(d.chance(20) ? d.pick(List.of(" ", "\t\t", "      ")) : indent)
              .append(line)
              .append(d.chance(15) ? d.pick(List.of(" ", "\t", "  \u00a0")) : "")
              .append(newline);
        }
        return;
      }
      text.append(key).append(newline);
      if (value.isEmpty()) {
        return;
      }
      for (String line : lines) {
        if (d.chance(10)) {
          comment(); // a column-0 comment inside a value is skipped; the value continues
        }
        if (line.isEmpty()) {
          text.append(d.chance(50) ? "" : indent).append(newline);
        } else {
          text.append(indent).append(line).append(d.chance(10) ? " \t" : "").append(newline);
        }
      }
    }

    private void continuationExtras() {
      if (d.chance(10)) {
        comment();
      }
      if (d.chance(10)) {
        text.append(d.pick(List.of("", "   ", "\t"))).append(newline); // blank: dropped inline
      }
    }

    private void comment() {
      text.append(
              d.pick(List.of("# comment", ";comment", "#", "# [s]\n", "; x = y")).replace("\n", ""))
          .append(newline);
    }

    private void blank() {
      text.append(d.pick(List.of("", "  ", "\t"))).append(newline);
    }

    private static String stripEnd(String s) {
      int end = s.length();
      while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
        end--;
      }
      return s.substring(0, end);
    }
  }
}

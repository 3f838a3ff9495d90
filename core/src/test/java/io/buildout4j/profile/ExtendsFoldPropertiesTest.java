package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * {@link ExtendsFold} summarises each file's extends subtree when histories are effective, and
 * merges the flattened extends list entry by entry when {@link ProfileLoader#fullHistory(boolean)}
 * is on: the reference algorithm. On random extends DAGs (diamonds, files listed twice, optional
 * extends that exist or not, files in a subdirectory, user defaults with their own extends) whose
 * files set, add to and remove from shared sections and options, both must give the same profile:
 * the same sections and keys in the same order, the same values, and for every value the steps of
 * the effective history equal the effective steps of the full one. Every history must also replay
 * to its value.
 */
class ExtendsFoldPropertiesTest {
  private static final int EXAMPLES = 250;

  private static final ProfileLoader BASE =
      Profiles.loader().userDefaults(false).offline(true).executable("/usr/bin/python3");

  /** Few names, so that files meet on the same sections and options. */
  private static final List<String> SECTIONS = List.of("buildout", "a", "b", "c", "d");

  private static final List<String> OPTIONS = List.of("x", "y", "z");

  /** Few lines, so that {@code -=} finds lines to remove and {@code +=} repeats some. */
  private static final List<String> LINES = List.of("l1", "l2", "l3", "l4");

  @TempDir Path dir;
  private int example;

  /** A file to write: its path relative to the example directory, and its text. */
  record FileText(String path, String text) {}

  /** A profile tree (root last) and, optionally, a user-defaults tree (its root last). */
  record Case(List<FileText> project, List<FileText> userDefaults) {
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      for (FileText f : userDefaults) {
        out.append("--- ").append(f.path()).append(" (user defaults) ---\n").append(f.text());
      }
      for (FileText f : project) {
        out.append("--- ").append(f.path()).append(" ---\n").append(f.text());
      }
      return out.toString();
    }
  }

  @Test
  void summarisedFoldEqualsEntryByEntryFold() {
    qt().withExamples(EXAMPLES).withShrinkCycles(300).forAll(cases(false)).checkAssert(this::check);
  }

  @Test
  void summarisedFoldEqualsEntryByEntryFoldWithUserDefaults() {
    qt().withExamples(EXAMPLES).withShrinkCycles(300).forAll(cases(true)).checkAssert(this::check);
  }

  private void check(Case c) {
    Path root = dir.resolve("ex" + example++);
    for (FileText f : c.project()) {
      write(root.resolve(f.path()), f.text());
    }
    for (FileText f : c.userDefaults()) {
      write(root.resolve(f.path()), f.text());
    }
    ProfileLoader loader = BASE.workingDirectory(root);
    if (!c.userDefaults().isEmpty()) {
      String defaults = c.userDefaults().get(c.userDefaults().size() - 1).path();
      loader = loader.userDefaults(true).userDefaultsFile(root.resolve(defaults));
    }
    Path profile = root.resolve(c.project().get(c.project().size() - 1).path());
    Profile summarised = loader.fullHistory(false).load(profile);
    Profile entryByEntry = loader.fullHistory(true).load(profile);
    RawProfile eff = summarised.raw();
    RawProfile full = entryByEntry.raw();

    assertEquals(
        List.copyOf(full.sections().keySet()), List.copyOf(eff.sections().keySet()), "sections");
    for (Map.Entry<String, Map<String, RawValue>> section : full.sections().entrySet()) {
      String name = section.getKey();
      Map<String, RawValue> effOptions = eff.sections().get(name);
      assertEquals(
          List.copyOf(section.getValue().keySet()),
          List.copyOf(effOptions.keySet()),
          "keys of [" + name + "]");
      for (Map.Entry<String, RawValue> option : section.getValue().entrySet()) {
        String where = name + ":" + option.getKey();
        RawValue f = option.getValue();
        RawValue e = effOptions.get(option.getKey());
        assertEquals(f.value(), e.value(), "value of " + where);
        assertEquals(
            f.history().effectiveSteps(), e.history().steps(), "effective history of " + where);
        assertEquals(
            e.history().steps(), e.history().effectiveSteps(), "effective history of " + where);
        assertEquals(f.value(), replay(f.history().steps()), "full history replayed, " + where);
        assertEquals(e.value(), replay(e.history().steps()), "history replayed, " + where);
      }
    }
    assertEquals(outcome(entryByEntry), outcome(summarised), "resolved profile");
  }

  /** The value a history's steps build, applied in order (increments line by line). */
  private static String replay(List<Step> steps) {
    String value = null;
    for (Step step : steps) {
      value =
          switch (step.operation()) {
            case SET, OVERRIDE, DIRECTORY -> step.value();
            case MACRO -> value;
            case ADD -> value + "\n" + step.value();
            case REMOVE -> {
              Set<String> gone = Set.copyOf(List.of(step.value().split("\n", -1)));
              List<String> kept = new ArrayList<>();
              for (String line : value.split("\n", -1)) {
                if (!gone.contains(line)) {
                  kept.add(line);
                }
              }
              yield String.join("\n", kept);
            }
          };
    }
    return value;
  }

  private static Object outcome(Profile profile) {
    try {
      return profile.resolveAll();
    } catch (BuildoutException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage() + " " + e.whileChain();
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- generators

  static Gen<Case> cases(boolean withUserDefaults) {
    return in -> {
      Draw d = new Draw(in);
      List<FileText> project = tree(d, "f", d.between(3, 12));
      List<FileText> userDefaults =
          withUserDefaults ? tree(d, "home/u", d.between(1, 4)) : List.of();
      return new Case(project, userDefaults);
    };
  }

  /**
   * Files {@code prefix0.cfg} ... each extending up to three earlier ones (the last, the root, at
   * least one), some in a subdirectory, some with optional extends that may not exist.
   */
  private static List<FileText> tree(Draw d, String prefix, int count) {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = prefix + i + ".cfg";
      if (d.chance(25)) {
        int slash = name.lastIndexOf('/');
        name = name.substring(0, slash + 1) + "sub/" + name.substring(slash + 1);
      }
      paths.add(name);
    }
    List<FileText> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> extended = new ArrayList<>();
      int n = i == 0 ? 0 : d.between(i == count - 1 ? 1 : 0, Math.min(3, i));
      for (int k = 0; k < n; k++) {
        extended.add(relative(paths.get(i), paths.get(d.between(0, i - 1))));
      }
      List<String> optional = new ArrayList<>();
      if (d.chance(20)) {
        int m = d.between(1, 2);
        for (int k = 0; k < m; k++) {
          optional.add(
              i > 0 && d.chance(70)
                  ? relative(paths.get(i), paths.get(d.between(0, i - 1)))
                  : "missing-" + k + ".cfg");
        }
      }
      files.add(new FileText(paths.get(i), body(d, extended, optional)));
    }
    return files;
  }

  /** How a file at {@code from} names the file at {@code to} (both relative to one directory). */
  private static String relative(String from, String to) {
    Path base = Path.of(from).getParent();
    Path target = Path.of(to);
    return (base == null ? target : base.relativize(target)).toString();
  }

  private static String body(Draw d, List<String> extended, List<String> optional) {
    StringBuilder text = new StringBuilder();
    boolean headerDone = false;
    if (!extended.isEmpty() || !optional.isEmpty()) {
      text.append("[buildout]\n");
      if (!extended.isEmpty()) {
        text.append("extends =");
        for (String e : extended) {
          text.append(d.chance(50) ? " " : "\n    ").append(e);
        }
        text.append('\n');
      }
      if (!optional.isEmpty()) {
        text.append("optional-extends = ").append(String.join(" ", optional)).append('\n');
      }
      headerDone = true;
    }
    int chunks = d.between(0, 4);
    for (int i = 0; i < chunks; i++) {
      String section = d.pick(SECTIONS);
      if (!(headerDone && i == 0 && section.equals("buildout"))) {
        text.append('[').append(section).append("]\n");
      }
      headerDone = false;
      statements(d, text, section);
    }
    return text.toString();
  }

  private static void statements(Draw d, StringBuilder text, String section) {
    int n = d.between(1, 5);
    boolean macro = !section.equals("buildout");
    for (int i = 0; i < n; i++) {
      if (macro && d.chance(8)) {
        text.append("<= ").append(d.pick(SECTIONS.subList(1, SECTIONS.size()))).append('\n');
        continue;
      }
      String option = d.pick(OPTIONS);
      int op = d.between(0, 9);
      text.append(option).append(op < 5 ? " =" : op < 8 ? " +=" : " -=");
      List<String> lines = new ArrayList<>();
      int count = d.between(0, 3);
      for (int k = 0; k < count; k++) {
        lines.add(macro && d.chance(5) ? "${:_profile_base_location_}" : d.pick(LINES));
      }
      if (lines.size() == 1 && d.chance(70)) {
        text.append(' ').append(lines.get(0)).append('\n');
      } else {
        text.append('\n');
        for (String line : lines) {
          text.append("    ").append(line).append('\n');
        }
      }
    }
  }
}

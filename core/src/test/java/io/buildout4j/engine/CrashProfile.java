package io.buildout4j.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A generated profile of many parts that reference each other in chains and fan-ins, for the crash
 * tests. Part {@code pNN} references only parts with smaller numbers (through {@code ${pMM:label}}
 * and {@code ${pMM:location}} in its files), so the references form a DAG; each part writes two to
 * four files. The structure depends only on the seed.
 */
final class CrashProfile {
  private final int parts;
  private final List<List<Integer>> references = new ArrayList<>();
  private final List<Integer> fileCounts = new ArrayList<>();
  private final List<Integer> millis = new ArrayList<>();
  private final List<String> listing = new ArrayList<>();

  private String recipe = "test:files";
  private boolean extra;
  private @Nullable String changed;
  private int listed;

  /**
   * @param maxMillis each part sleeps a random 0 to {@code maxMillis} ms when installed
   */
  CrashProfile(int parts, long seed, int maxMillis) {
    this.parts = parts;
    this.listed = parts;
    Random random = new Random(seed);
    for (int i = 0; i < parts; i++) {
      Set<Integer> refs = new LinkedHashSet<>();
      int kind = random.nextInt(10);
      if (i > 0 && kind < 4) {
        refs.add(i - 1); // a chain
      } else if (i > 1 && kind < 7) {
        int fanIn = 2 + random.nextInt(Math.min(3, i - 1)); // a fan-in of 2 to 4 parts
        while (refs.size() < fanIn) {
          refs.add(random.nextInt(i));
        }
      } else if (i > 0 && kind < 9) {
        refs.add(random.nextInt(i));
      } // else a root
      references.add(List.copyOf(refs));
      fileCounts.add(2 + random.nextInt(3));
      millis.add(maxMillis == 0 ? 0 : random.nextInt(maxMillis + 1));
    }
    for (int i = 0; i < parts; i++) {
      listing.add(name(i));
    }
    Collections.shuffle(listing, random);
  }

  static String name(int i) {
    return String.format("p%02d", i);
  }

  /** Uses {@code recipe} for every part (default {@code test:files}). */
  CrashProfile recipe(String recipe) {
    this.recipe = recipe;
    return this;
  }

  /** Gives every part {@code extra = more.txt}: each update adds that file. */
  CrashProfile extra(boolean extra) {
    this.extra = extra;
    return this;
  }

  /** Changes the label of {@code part}: it and every part referencing it change. */
  CrashProfile changed(@Nullable String part) {
    this.changed = part;
    return this;
  }

  /** Lists only the parts numbered below {@code count} in {@code [buildout] parts}. */
  CrashProfile listed(int count) {
    this.listed = count;
    return this;
  }

  /** How many parts reference {@code part}, directly or not. */
  int dependents(int part) {
    Set<Integer> reached = new LinkedHashSet<>();
    reached.add(part);
    for (int i = part + 1; i < parts; i++) {
      for (int ref : references.get(i)) {
        if (reached.contains(ref)) {
          reached.add(i);
          break;
        }
      }
    }
    return reached.size() - 1;
  }

  String text() {
    StringBuilder out = new StringBuilder("[buildout]\nparts =");
    for (String part : listing) {
      if (Integer.parseInt(part.substring(1)) < listed) {
        out.append(' ').append(part);
      }
    }
    out.append('\n');
    for (int i = 0; i < parts; i++) {
      String name = name(i);
      out.append("\n[").append(name).append("]\n");
      out.append("recipe = ").append(recipe).append('\n');
      out.append("label = ").append(name).append(name.equals(changed) ? " changed" : "");
      out.append('\n');
      if (millis.get(i) > 0) {
        out.append("millis = ").append(millis.get(i)).append('\n');
      }
      if (extra) {
        out.append("extra = more.txt\n");
      }
      out.append("files =\n    self.txt = ").append(name).append('\n');
      List<Integer> refs = references.get(i);
      for (int f = 1; f < fileCounts.get(i); f++) {
        if (f - 1 < refs.size()) {
          String other = name(refs.get(f - 1));
          out.append("    from-")
              .append(other)
              .append(".txt = ${")
              .append(other)
              .append(":label} at ${")
              .append(other)
              .append(":location}\n");
        } else {
          out.append("    file").append(f).append(".txt = ").append(name).append(" #").append(f);
          out.append('\n');
        }
      }
      // references beyond the files go into an option, so that they still count
      if (refs.size() > fileCounts.get(i) - 1) {
        out.append("uses =");
        for (int r = fileCounts.get(i) - 1; r < refs.size(); r++) {
          out.append(" ${").append(name(refs.get(r))).append(":label}");
        }
        out.append('\n');
      }
    }
    return out.toString();
  }
}

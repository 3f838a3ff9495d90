package io.buildout4j.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges layers as zc.buildout 4.x does ({@code _update} and {@code _update_section}): an upper
 * section's values override the lower ones; its {@code x +}/{@code x -} keys append or remove lines
 * from its own plain {@code x} if it has one, else from the lower value, else from an implicit
 * empty value; a section new to the merge has a leading {@code +=} turned into an assignment and a
 * leading {@code -=} into an empty value; a new section with a {@code <} macro is kept raw until
 * the macro is expanded.
 *
 * <p>The accumulated side is a mutable map owned by the caller and changed in place.
 */
final class LayerMerge {
  /** The accumulated configuration: section name to raw key to value, in insertion order. */
  static final class Config extends LinkedHashMap<String, LinkedHashMap<String, RawValue>> {
    private static final long serialVersionUID = 1L;
  }

  private static final Comparator<String> INCREMENT_ORDER =
      Comparator.comparing((String k) -> rstrip(k, " +"), PythonOrder.INSTANCE)
          .thenComparing(k -> k.charAt(k.length() - 1));

  private final boolean fullHistory;

  LayerMerge(boolean fullHistory) {
    this.fullHistory = fullHistory;
  }

  /** Merges every section of {@code upper} into {@code config}. */
  void merge(Config config, Layer upper) {
    upper
        .sections()
        .forEach(
            (name, section) -> {
              LinkedHashMap<String, RawValue> lower = config.get(name);
              if (lower != null) {
                mergeSection(lower, section, upper.incrementKeys(name));
              } else if (!section.containsKey("<")) {
                config.put(name, newSection(section));
              } else {
                config.put(name, new LinkedHashMap<>(section));
              }
            });
  }

  /** Merges an accumulated configuration (itself the result of merges) into {@code config}. */
  void merge(Config config, Config upper) {
    upper.forEach(
        (name, section) -> {
          LinkedHashMap<String, RawValue> lower = config.get(name);
          if (lower != null) {
            mergeSection(lower, section, sortedIncrementKeys(section));
          } else if (!section.containsKey("<")) {
            config.put(name, newSection(section));
          } else {
            config.put(name, new LinkedHashMap<>(section));
          }
        });
  }

  /** {@code _update_section}: {@code upper} (with its increments applied) over {@code lower}. */
  void mergeSection(
      Map<String, RawValue> lower, Map<String, RawValue> upper, List<String> incrementKeys) {
    Map<String, RawValue> applied = upper;
    if (!incrementKeys.isEmpty()) {
      applied = new LinkedHashMap<>(upper);
      for (String raw : incrementKeys) {
        RawValue operand = upper.get(raw);
        boolean add = raw.charAt(raw.length() - 1) == '+';
        String key = rstrip(raw, add ? " +" : " -");
        RawValue base = applied.get(key);
        if (base == null) {
          base = lower.get(key);
        }
        if (base == null) {
          base = RawValue.set("", Origin.IMPLICIT);
        }
        RawValue result =
            add
                ? base.plus(operand.value(), operand.origin(), fullHistory)
                : base.minus(operand.value(), operand.origin(), fullHistory);
        applied.put(key, result);
        applied.remove(raw);
      }
    }
    for (Map.Entry<String, RawValue> entry : applied.entrySet()) {
      RawValue before = lower.get(entry.getKey());
      lower.put(
          entry.getKey(),
          before == null ? entry.getValue() : before.overriddenBy(entry.getValue(), fullHistory));
    }
  }

  /**
   * A section no lower layer has (buildout issues 641 and 656): {@code x += v} with no {@code x}
   * becomes {@code x = v}, {@code x -= v} becomes an empty {@code x}, then the section is merged
   * onto nothing.
   */
  LinkedHashMap<String, RawValue> newSection(Map<String, RawValue> upper) {
    Map<String, RawValue> temp = new LinkedHashMap<>(upper);
    List<String> keys = new ArrayList<>(upper.keySet());
    keys.sort(PythonOrder.INSTANCE);
    for (String raw : keys) {
      char last = lastChar(raw);
      if (last != '+' && last != '-') {
        continue;
      }
      String key = rstrip(raw, last == '+' ? " +" : " -");
      if (temp.containsKey(key)) {
        continue;
      }
      RawValue value = temp.remove(raw);
      temp.put(key, last == '+' ? value : value.minus(value.value(), Origin.IMPLICIT, fullHistory));
    }
    LinkedHashMap<String, RawValue> result = new LinkedHashMap<>();
    mergeSection(result, temp, sortedIncrementKeys(temp));
    return result;
  }

  static List<String> sortedIncrementKeys(Map<String, RawValue> section) {
    List<String> keys = null;
    for (String key : section.keySet()) {
      char last = lastChar(key);
      if (last == '+' || last == '-') {
        if (keys == null) {
          keys = new ArrayList<>();
        }
        keys.add(key);
      }
    }
    if (keys == null) {
      return List.of();
    }
    keys.sort(INCREMENT_ORDER);
    return keys;
  }

  /**
   * The operator character of a raw key; an empty key (left by stripping a key such as {@code "-
   * +"}) has none and is a plain option.
   */
  private static char lastChar(String key) {
    return key.isEmpty() ? '=' : key.charAt(key.length() - 1);
  }

  /** Python's {@code s.rstrip(chars)}. */
  static String rstrip(String s, String chars) {
    int end = s.length();
    while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(0, end);
  }
}

package io.buildout4j.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges a profile's flattened extends list as zc.buildout 4.x does: every file after the files it
 * extends and then its optional extends, a file reached by several paths applied once per path (so
 * a shared ancestor is re-applied after an earlier sibling), user defaults merged under the first
 * file that extends nothing.
 *
 * <p>SlapOS releases reach the same files tens of thousands of times (176,680 entries from 248
 * files for {@code software/erp5}). With effective histories, each file's subtree is therefore
 * summarised once: the sections it produces from nothing, and the {@link KeyEffect} it has on each
 * option of a section that already exists; applying the summary wherever the file is extended gives
 * exactly what applying its flattened list would. With full histories (which record every step) the
 * list is merged entry by entry.
 */
final class ExtendsFold {
  /** A subtree's result from nothing, and its effect on sections that already exist. */
  private record Summary(
      LayerMerge.Config fromNothing, Map<String, LinkedHashMap<String, KeyEffect>> onExisting) {}

  private final LayerMerge merge;
  private final boolean summarise;
  private final Map<ExtendsNode, Summary> summaries = new IdentityHashMap<>();
  private final Map<Layer, Map<String, LinkedHashMap<String, KeyEffect>>> layerEffects =
      new IdentityHashMap<>();

  private final Map<ExtendsNode, Integer> parents;

  /**
   * @param parents how many times each node is named by an {@code extends}; only the summaries of
   *     nodes named more than once are kept, so a long chain does not hold a summary per level
   */
  ExtendsFold(LayerMerge merge, boolean fullHistory, Map<ExtendsNode, Integer> parents) {
    this.merge = merge;
    this.parents = parents;
    this.summarise = !fullHistory;
  }

  /** Merges the flattened extends list of {@code root} into {@code target}. */
  void fold(ExtendsNode root, LayerMerge.Config target, LayerMerge.@Nullable Config userDefaults) {
    if (!summarise) {
      foldEntryByEntry(root, target, userDefaults);
    } else if (userDefaults == null) {
      apply(target, summary(root), owned());
    } else {
      foldWithUserDefaults(root, target, userDefaults, owned());
    }
  }

  /**
   * The nodes on the path to the first leaf differ from their summaries: the leaf takes user
   * defaults.
   */
  private void foldWithUserDefaults(
      ExtendsNode node,
      LayerMerge.Config target,
      LayerMerge.Config userDefaults,
      Set<Object> owned) {
    DeepCalls.call(
        "The extends chain",
        () -> {
          if (node.leaf()) {
            node.optional().forEach(child -> apply(target, summary(child), owned));
            LayerMerge.Config combined = copy(userDefaults);
            merge.merge(combined, node.layer());
            own(target, combined.keySet(), owned);
            merge.merge(target, combined);
            combined.keySet().forEach(section -> owned.add(target.get(section)));
            return null;
          }
          foldWithUserDefaults(node.extended().get(0), target, userDefaults, owned);
          for (int i = 1; i < node.extended().size(); i++) {
            apply(target, summary(node.extended().get(i)), owned);
          }
          node.optional().forEach(child -> apply(target, summary(child), owned));
          mergeLayer(target, node.layer(), owned);
          return null;
        });
  }

  private Summary summary(ExtendsNode node) {
    Summary known = summaries.get(node);
    if (known != null) {
      return known;
    }
    return DeepCalls.call(
        "The extends chain",
        () -> {
          LayerMerge.Config fromNothing = new LayerMerge.Config();
          Set<Object> owned = owned();
          Map<String, LinkedHashMap<String, KeyEffect>> onExisting = new LinkedHashMap<>();
          List<ExtendsNode> children = new ArrayList<>(node.extended());
          children.addAll(node.optional());
          for (ExtendsNode child : children) {
            Summary part = summary(child);
            apply(fromNothing, part, owned);
            compose(onExisting, part.onExisting());
          }
          mergeLayer(fromNothing, node.layer(), owned);
          compose(onExisting, effectsOf(node.layer()));
          Summary summary = new Summary(fromNothing, onExisting);
          if (parents.getOrDefault(node, 0) > 1) {
            summaries.put(node, summary);
          }
          return summary;
        });
  }

  /**
   * Applies a subtree's summary to {@code target}. Sections new to the target share the summary's
   * maps; a shared map is copied before it is changed ({@code owned} holds the maps the target may
   * change), since summaries are reused wherever their file is extended.
   */
  private static void apply(LayerMerge.Config target, Summary summary, Set<Object> owned) {
    summary
        .fromNothing()
        .forEach(
            (section, values) -> {
              LinkedHashMap<String, RawValue> existing = target.get(section);
              if (existing == null) {
                target.put(section, values);
                return;
              }
              LinkedHashMap<String, KeyEffect> effects = summary.onExisting().get(section);
              if (effects == null || effects.isEmpty()) {
                return;
              }
              LinkedHashMap<String, RawValue> mine = owned(target, section, existing, owned);
              effects.forEach((key, effect) -> mine.put(key, effect.apply(mine.get(key))));
            });
  }

  /** Merges one file's layer into {@code target}, copying the shared sections it changes first. */
  private void mergeLayer(LayerMerge.Config target, Layer layer, Set<Object> owned) {
    own(target, layer.sections().keySet(), owned);
    merge.merge(target, layer);
    for (String section : layer.sections().keySet()) {
      owned.add(target.get(section));
    }
  }

  private static void own(
      LayerMerge.Config target, java.util.Collection<String> sections, Set<Object> owned) {
    for (String section : sections) {
      LinkedHashMap<String, RawValue> existing = target.get(section);
      if (existing != null) {
        owned(target, section, existing, owned);
      }
    }
  }

  private static LinkedHashMap<String, RawValue> owned(
      LayerMerge.Config target,
      String section,
      LinkedHashMap<String, RawValue> existing,
      Set<Object> owned) {
    if (owned.contains(existing)) {
      return existing;
    }
    LinkedHashMap<String, RawValue> copy = new LinkedHashMap<>(existing);
    target.put(section, copy);
    owned.add(copy);
    return copy;
  }

  private static Set<Object> owned() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private static void compose(
      Map<String, LinkedHashMap<String, KeyEffect>> first,
      Map<String, LinkedHashMap<String, KeyEffect>> then) {
    then.forEach(
        (section, effects) -> {
          LinkedHashMap<String, KeyEffect> mine =
              first.computeIfAbsent(section, s -> new LinkedHashMap<>());
          effects.forEach((key, effect) -> mine.merge(key, effect, KeyEffect::then));
        });
  }

  /**
   * What merging one layer does to existing sections: {@link LayerMerge#mergeSection}, as effects.
   */
  private Map<String, LinkedHashMap<String, KeyEffect>> effectsOf(Layer layer) {
    return layerEffects.computeIfAbsent(
        layer,
        l -> {
          Map<String, LinkedHashMap<String, KeyEffect>> effects = new LinkedHashMap<>();
          l.sections()
              .forEach(
                  (section, values) ->
                      effects.put(section, effectsOf(values, l.incrementKeys(section))));
          return effects;
        });
  }

  private static LinkedHashMap<String, KeyEffect> effectsOf(
      Map<String, RawValue> upper, List<String> incrementKeys) {
    LinkedHashMap<String, KeyEffect> applied = new LinkedHashMap<>();
    upper.forEach((key, value) -> applied.put(key, new KeyEffect.Set(value)));
    for (String raw : incrementKeys) {
      RawValue operand = upper.get(raw);
      boolean add = raw.charAt(raw.length() - 1) == '+';
      String key = LayerMerge.rstrip(raw, add ? " +" : " -");
      KeyEffect.Step step = new KeyEffect.Step(add, operand.value(), operand.origin());
      KeyEffect current = applied.get(key);
      if (current == null) {
        applied.put(key, new KeyEffect.Increments(List.of(step)));
      } else if (current instanceof KeyEffect.Set set) {
        applied.put(key, new KeyEffect.Set(KeyEffect.run(List.of(step), set.value())));
      } else {
        List<KeyEffect.Step> steps = new ArrayList<>(((KeyEffect.Increments) current).steps());
        steps.add(step);
        applied.put(key, new KeyEffect.Increments(steps));
      }
      applied.remove(raw);
    }
    return applied;
  }

  /** The reference algorithm: every entry of the flattened list merged in turn. */
  private void foldEntryByEntry(
      ExtendsNode root, LayerMerge.Config target, LayerMerge.@Nullable Config userDefaults) {
    final class Frame {
      final ExtendsNode node;
      int next;
      boolean checkedLeaf;
      boolean takesUserDefaults;

      Frame(ExtendsNode node) {
        this.node = node;
      }
    }
    boolean userDefaultsPending = userDefaults != null;
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root));
    while (!stack.isEmpty()) {
      Frame frame = stack.peek();
      List<ExtendsNode> extended = frame.node.extended();
      if (frame.next < extended.size()) {
        stack.push(new Frame(extended.get(frame.next++)));
        continue;
      }
      if (!frame.checkedLeaf) {
        frame.checkedLeaf = true;
        if (frame.node.leaf() && userDefaultsPending) {
          frame.takesUserDefaults = true;
          userDefaultsPending = false;
        }
      }
      int optionalIndex = frame.next - extended.size();
      if (optionalIndex < frame.node.optional().size()) {
        frame.next++;
        stack.push(new Frame(frame.node.optional().get(optionalIndex)));
        continue;
      }
      stack.pop();
      if (frame.takesUserDefaults && userDefaults != null) {
        LayerMerge.Config combined = copy(userDefaults);
        merge.merge(combined, frame.node.layer());
        merge.merge(target, combined);
      } else {
        merge.merge(target, frame.node.layer());
      }
    }
  }

  static LayerMerge.Config copy(LayerMerge.Config config) {
    LayerMerge.Config copy = new LayerMerge.Config();
    config.forEach((name, section) -> copy.put(name, new LinkedHashMap<>(section)));
    return copy;
  }
}

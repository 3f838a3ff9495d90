package io.buildout4j.engine;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.buildout4j.profile.SectionOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A part's signature, buildout's {@code __buildout_signature__}: its recipe's code token, then
 * {@code PART:MD5} for each part it depends on (through references, looking through sections
 * without a recipe), where MD5 covers that part's options (all but its signature) and, recursively,
 * its own signature. A change to a part thus changes the signature of every part that depends on
 * it.
 *
 * <p>Remembers what it computed: the planner keeps one for the whole plan (every recipe exists by
 * then), and {@link io.buildout4j.recipe.Part#signature()} makes a new one for each call while a
 * recipe is being created (the part's references may still grow). Reading sections to compute a
 * signature never counts as a reference. Not thread-safe.
 */
final class Signatures {
  private final PartCatalog catalog;
  private final Map<String, String> signatures = new HashMap<>();
  private final Map<String, String> hashes = new HashMap<>();
  private final Set<String> computing = new HashSet<>();

  Signatures(PartCatalog catalog) {
    this.catalog = catalog;
  }

  /** The signature of {@code part}. */
  String of(SectionOptions part) {
    String known = signatures.get(part.name());
    if (known != null) {
      return known;
    }
    computing.add(part.name());
    try {
      StringBuilder signature = new StringBuilder(catalog.recipeSignature(part.name()));
      for (String dependency : dependencies(part)) {
        SectionOptions section = part.peek(dependency);
        String hash = section == null ? null : hash(section);
        if (hash != null) {
          signature.append(' ').append(dependency).append(':').append(hash);
        }
      }
      String result = signature.toString();
      signatures.put(part.name(), result);
      return result;
    } finally {
      computing.remove(part.name());
    }
  }

  /** The hash a dependent's signature gives for {@code part}; null inside a reference cycle. */
  private @Nullable String hash(SectionOptions part) {
    String known = hashes.get(part.name());
    if (known != null || computing.contains(part.name())) {
      return known;
    }
    Map<String, String> options = new TreeMap<>(part.snapshot());
    options.remove(Planner.SIGNATURE);
    Hasher hasher = Hashing.md5().newHasher();
    options.forEach(
        (key, value) ->
            hasher
                .putString(key, StandardCharsets.UTF_8)
                .putByte((byte) 0)
                .putString(value, StandardCharsets.UTF_8)
                .putByte((byte) 0));
    hasher.putByte((byte) 1).putString(of(part), StandardCharsets.UTF_8);
    String hash = hasher.hash().toString();
    hashes.put(part.name(), hash);
    return hash;
  }

  /**
   * The parts {@code part} depends on: the parts among the sections it reached while resolved,
   * looking through sections without a recipe, in first-reach order.
   */
  List<String> dependencies(SectionOptions part) {
    List<String> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(part.name());
    Deque<String> pending = new ArrayDeque<>(part.references());
    while (!pending.isEmpty()) {
      String name = pending.removeFirst();
      if (!seen.add(name)) {
        continue;
      }
      if (catalog.part(name) != null) {
        found.add(name);
      } else {
        SectionOptions section = part.peek(name);
        if (section != null) {
          pending.addAll(section.references());
        }
      }
    }
    return List.copyOf(found);
  }
}

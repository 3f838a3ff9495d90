package io.buildout4j.engine;

import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profile;
import io.buildout4j.profile.SectionOptions;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a run does to each part (buildout's §8.5 table): computes the part order, each
 * part's signature (its recipe's code, plus a hash of each part it references, so that a change to
 * a part reinstalls the parts that reference it) and its options as they will be recorded, and
 * compares them with the installed state.
 */
final class Planner {
  static final String SIGNATURE = "__buildout_signature__";

  /** A plan plus what executing it needs: the options to record for each part. */
  record PlannedRun(Plan plan, Map<String, Map<String, String>> options) {}

  private final Profile profile;
  private final @Nullable PartCatalog catalog;
  private final Path directory;
  private final @Nullable Signatures signatures;
  private final Map<String, Map<String, String>> options = new HashMap<>();
  private final Map<String, List<String>> dependencies = new HashMap<>();

  /**
   * @param catalog the created recipes, or null when recipes are not loaded ({@code --no-recipes}):
   *     then signatures are neither computed nor compared
   */
  Planner(Profile profile, @Nullable PartCatalog catalog, Path directory) {
    this.profile = profile;
    this.catalog = catalog;
    this.directory = directory;
    this.signatures = catalog == null ? null : new Signatures(catalog);
  }

  /**
   * Plans a run.
   *
   * @param named the parts named on the command line ({@code install a b}), or null for all of
   *     {@code [buildout] parts}
   * @param uninstallOnly for {@code uninstall}: the parts to uninstall (empty: all), nothing
   *     installed
   */
  PlannedRun plan(InstalledState state, @Nullable List<String> named, boolean uninstallOnly) {
    List<String> order = uninstallOnly ? List.of() : order(named);
    Map<String, PartPlan> plans = new LinkedHashMap<>();
    for (String part : order) {
      Map<String, String> current = recordedOptions(part);
      InstalledPart installed = state.part(part).orElse(null);
      String[] decision = decide(part, current, installed);
      plans.put(
          part,
          new PartPlan(
              part, Action.valueOf(decision[0]), decision[1], dependenciesIn(part, order)));
    }
    List<String> uninstalls = new ArrayList<>();
    List<InstalledPart> recorded = new ArrayList<>(state.parts());
    java.util.Collections.reverse(recorded);
    Set<String> namedForUninstall =
        uninstallOnly && named != null && !named.isEmpty() ? new HashSet<>(named) : null;
    for (InstalledPart installed : recorded) {
      String part = installed.name();
      PartPlan planned = plans.get(part);
      if (planned != null) {
        if (planned.action() == Action.REINSTALL) {
          uninstalls.add(part);
        }
        continue;
      }
      boolean leave =
          uninstallOnly
              ? namedForUninstall != null && !namedForUninstall.contains(part)
              : named != null;
      if (leave) {
        plans.put(
            part,
            new PartPlan(
                part,
                Action.KEEP,
                uninstallOnly ? "not named for uninstall" : "not named on the command line",
                List.of()));
      } else {
        uninstalls.add(part);
        plans.put(
            part,
            new PartPlan(
                part,
                Action.UNINSTALL,
                uninstallOnly ? "named for uninstall" : "no longer in the parts",
                List.of()));
      }
    }
    if (namedForUninstall != null) {
      for (String part : named) {
        if (state.part(part).isEmpty()) {
          throw new BuildoutException(
              "UserError", "Cannot uninstall " + part + ": it is not installed");
        }
      }
    }
    return new PlannedRun(new Plan(order, uninstalls, plans), Map.copyOf(options));
  }

  private List<String> order(@Nullable List<String> named) {
    try {
      if (named == null) {
        return profile.partOrder();
      }
      List<String> order = new ArrayList<>();
      for (String part : new LinkedHashSet<>(named)) {
        String recipe = profile.options(part).require("recipe");
        if (!recipe.isEmpty()) {
          order.add(part);
        }
      }
      return order;
    } catch (BuildoutException e) {
      throw e.within("Installing.");
    }
  }

  /** The options to record for a part: all of them, substituted, with its signature. */
  private Map<String, String> recordedOptions(String part) {
    Map<String, String> known = options.get(part);
    if (known != null) {
      return known;
    }
    SectionOptions section = profile.options(part);
    if (catalog != null) {
      section.set(SIGNATURE, signatures.of(section));
    }
    Map<String, String> values = new TreeMap<>(section.snapshot());
    if (catalog == null) {
      values.remove(SIGNATURE);
    }
    Map<String, String> recorded = java.util.Collections.unmodifiableMap(values);
    options.put(part, recorded);
    return recorded;
  }

  /**
   * The parts {@code part} depends on: the parts among the sections it reached while resolved,
   * looking through sections without a recipe, in first-reach order.
   */
  List<String> dependencies(String part) {
    List<String> known = dependencies.get(part);
    if (known != null) {
      return known;
    }
    List<String> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(part);
    Deque<String> pending = new ArrayDeque<>(profile.references(part));
    while (!pending.isEmpty()) {
      String section = pending.removeFirst();
      if (!seen.add(section)) {
        continue;
      }
      if (isPart(section)) {
        found.add(section);
      } else {
        pending.addAll(profile.references(section));
      }
    }
    List<String> result = List.copyOf(found);
    dependencies.put(part, result);
    return result;
  }

  private boolean isPart(String section) {
    if (catalog != null) {
      return catalog.part(section) != null;
    }
    String recipe = profile.find(section, "recipe");
    return recipe != null && !recipe.isEmpty();
  }

  /** The dependencies of {@code part} that come before it in {@code order}: what -j N waits for. */
  private List<String> dependenciesIn(String part, List<String> order) {
    int index = order.indexOf(part);
    List<String> result = new ArrayList<>();
    for (String dependency : dependencies(part)) {
      int at = order.indexOf(dependency);
      if (at >= 0 && at < index) {
        result.add(dependency);
      }
    }
    result.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
    return result;
  }

  /** {action, reason} for a part in the part list. */
  private String[] decide(
      String part, Map<String, String> current, @Nullable InstalledPart installed) {
    if (installed == null) {
      return new String[] {"INSTALL", "not installed"};
    }
    Map<String, String> recorded = new TreeMap<>(installed.options());
    recorded.remove("__buildout_installed__");
    if (catalog == null) {
      recorded.remove(SIGNATURE);
    }
    String change = describeChange(recorded, current);
    if (change != null) {
      return new String[] {"REINSTALL", change};
    }
    for (String path : installed.paths()) {
      if (path.isEmpty()) {
        continue;
      }
      Path resolved = directory.resolve(path);
      if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
        return new String[] {"REINSTALL", "path " + resolved + " is missing"};
      }
    }
    return new String[] {"UPDATE", "unchanged"};
  }

  private static @Nullable String describeChange(
      Map<String, String> recorded, Map<String, String> current) {
    if (recorded.equals(current)) {
      return null;
    }
    String oldSignature = recorded.get(SIGNATURE);
    String newSignature = current.get(SIGNATURE);
    if (oldSignature != null && newSignature != null && !oldSignature.equals(newSignature)) {
      return describeSignatureChange(oldSignature, newSignature);
    }
    TreeSet<String> keys = new TreeSet<>(recorded.keySet());
    keys.addAll(current.keySet());
    keys.removeIf(key -> Objects.equals(recorded.get(key), current.get(key)));
    if (keys.isEmpty()) {
      return "options changed";
    }
    String first = keys.pollFirst();
    String before = recorded.get(first);
    String after = current.get(first);
    String change =
        before == null
            ? "option " + first + " added: " + quote(after)
            : after == null
                ? "option " + first + " removed (was " + quote(before) + ")"
                : "option " + first + " changed from " + quote(before) + " to " + quote(after);
    // A recipe's computed options often change with the one the profile changed: name them all.
    return keys.isEmpty() ? change : change + "; also changed: " + String.join(", ", keys);
  }

  private static String describeSignatureChange(String before, String after) {
    Map<String, String> oldParts = signatureParts(before);
    Map<String, String> newParts = signatureParts(after);
    if (!oldParts.get("").equals(newParts.get(""))) {
      return "recipe code changed (" + oldParts.get("") + " -> " + newParts.get("") + ")";
    }
    List<String> changed = new ArrayList<>();
    Set<String> names = new TreeSet<>(oldParts.keySet());
    names.addAll(newParts.keySet());
    for (String name : names) {
      if (!name.isEmpty() && !java.util.Objects.equals(oldParts.get(name), newParts.get(name))) {
        changed.add(name);
      }
    }
    if (changed.isEmpty()) {
      return "signature changed";
    }
    return (changed.size() == 1 ? "part " : "parts ") + String.join(", ", changed) + " changed";
  }

  /** "" → the recipe tokens; each dependency name → its hash. */
  private static Map<String, String> signatureParts(String signature) {
    Map<String, String> parts = new HashMap<>();
    StringBuilder recipe = new StringBuilder();
    for (String token : PartCatalog.words(signature)) {
      int colon = token.lastIndexOf(':');
      if (colon > 0
          && token.length() - colon - 1 == 32
          && token.substring(colon + 1).matches("[0-9a-f]{32}")) {
        parts.put(token.substring(0, colon), token.substring(colon + 1));
      } else {
        recipe.append(recipe.length() == 0 ? "" : " ").append(token);
      }
    }
    parts.put("", recipe.toString());
    return parts;
  }

  private static String quote(@Nullable String value) {
    if (value == null) {
      return "''";
    }
    String shown = value.length() > 120 ? value.substring(0, 117) + "..." : value;
    return "'" + shown.replace("\n", "\\n") + "'";
  }
}

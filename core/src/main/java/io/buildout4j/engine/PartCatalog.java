package io.buildout4j.engine;

import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.RecipeHook;
import io.buildout4j.profile.SectionOptions;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The recipe hook of one run: creates each part's recipe when its section is resolved (buildout's
 * recipe constructor) and remembers it. Called with the profile's resolution lock held.
 */
final class PartCatalog implements RecipeHook {
  /** A part whose recipe has been created. */
  record CreatedPart(
      String name, String recipeName, LoadedRecipe recipe, EnginePart part, Recipe instance) {}

  private final RecipeRegistry registry;
  private final Supplier<RunSettings> settings;
  private final Map<String, CreatedPart> parts = new LinkedHashMap<>();
  private final Map<String, LoadedRecipe> creating = new java.util.HashMap<>();
  private @Nullable SectionOptions buildout;

  PartCatalog(RecipeRegistry registry, Supplier<RunSettings> settings) {
    this.registry = registry;
    this.settings = settings;
  }

  @Override
  public void initialize(SectionOptions section) {
    if (buildout == null) {
      buildout = section.section("buildout");
    }
    String recipeName = section.require("recipe");
    registry.develop(words(buildout.get("develop")), Path.of(buildout.require("directory")));
    LoadedRecipe loaded = registry.find(recipeName, new Context(buildout));
    if (loaded == null) {
      String where = section.origin("recipe");
      throw new BuildoutException(
          "UserError",
          "No recipe named '"
              + recipeName
              + "' for part "
              + section.name()
              + (where.isEmpty() ? "" : " (" + where + ")")
              + ". Known recipes: "
              + String.join(", ", registry.knownNames())
              + "; a Maven recipe is named GROUP:ARTIFACT[:VERSION][:ENTRY], with its version in"
              + " the name or pinned in [versions] under its artifactId");
    }
    EnginePart part =
        new EnginePart(section.name(), section, settings, () -> new Signatures(this).of(section));
    Recipe recipe;
    Thread thread = Thread.currentThread();
    ClassLoader caller = thread.getContextClassLoader();
    thread.setContextClassLoader(loaded.factory().getClass().getClassLoader());
    creating.put(section.name(), loaded);
    try {
      recipe = loaded.factory().create(part);
    } catch (BuildoutException e) {
      throw e;
    } catch (RecipeException e) {
      throw new BuildoutException(
          "UserError",
          e.getMessage() + " (recipe " + recipeName + ", part " + section.name() + ")",
          e);
    } catch (RuntimeException | LinkageError e) {
      throw new BuildoutException(
          "InternalError",
          "The recipe "
              + recipeName
              + " failed to initialise part "
              + section.name()
              + ", a bug in the recipe: "
              + e,
          e);
    } finally {
      creating.remove(section.name());
      thread.setContextClassLoader(caller);
    }
    if (recipe == null) {
      throw new BuildoutException(
          "InternalError",
          "The recipe " + recipeName + " returned no recipe for part " + section.name());
    }
    parts.put(section.name(), new CreatedPart(section.name(), recipeName, loaded, part, recipe));
  }

  /** The part named {@code name}, or null if no recipe was created for it. */
  @Nullable CreatedPart part(String name) {
    return parts.get(name);
  }

  /** The code signature of the recipe of {@code name}, created or being created; "" if none. */
  String recipeSignature(String name) {
    CreatedPart created = parts.get(name);
    if (created != null) {
      return created.recipe().signature();
    }
    LoadedRecipe loading = creating.get(name);
    return loading == null ? "" : loading.signature();
  }

  /**
   * The uninstaller of the recipe recorded as {@code recipeName}, or null if none or unknown (as
   * buildout, which passes over an uninstall recipe whose distribution is gone). The {@code
   * develop} entries are loaded first: an uninstall-only run creates no recipe that would load
   * them.
   */
  io.buildout4j.recipe.@Nullable Uninstaller uninstaller(String recipeName) {
    if (buildout == null) {
      return null;
    }
    LoadedRecipe loaded;
    try {
      registry.develop(words(buildout.get("develop")), Path.of(buildout.require("directory")));
      loaded = registry.find(recipeName, new Context(buildout));
    } catch (BuildoutException e) {
      return null;
    }
    return loaded == null ? null : loaded.factory().uninstaller();
  }

  /** The {@code [buildout]} section, once a recipe was created or the run named it; else null. */
  @Nullable SectionOptions buildout() {
    return buildout;
  }

  void useBuildout(SectionOptions section) {
    if (buildout == null) {
      buildout = section;
    }
  }

  /** The {@link RecipeContext} sources see. */
  private final class Context implements RecipeContext {
    private final SectionOptions buildout;

    Context(SectionOptions buildout) {
      this.buildout = buildout;
    }

    @Override
    public @Nullable String buildoutOption(String option) {
      return buildout.get(option);
    }

    @Override
    public @Nullable String pinnedVersion(String name) {
      String versions = buildout.get("versions");
      String section = versions == null || versions.isBlank() ? "versions" : versions.strip();
      if (!buildout.hasSection(section)) {
        return null;
      }
      return buildout.section(section).get(name);
    }

    @Override
    public boolean offline() {
      return "true".equals(buildout.get("offline"));
    }

    @Override
    public Path directory() {
      return Path.of(buildout.require("directory"));
    }

    @Override
    public void log(String message) {
      settings.get().listener().message(message);
    }
  }

  /** Python's {@code str.split()}: the words of a value, split on whitespace. */
  static List<String> words(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.of(value.strip().split("\\s+"));
  }
}

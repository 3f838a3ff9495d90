package io.buildout4j.recipe;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The code behind one part, made by {@link RecipeFactory#create(Part)}.
 *
 * <p>The engine calls {@link #install()} or {@link #update()} at most once per run, from one thread
 * at a time, with the process's working directory unchanged: resolve relative paths against {@link
 * Part#directories()}. Throw {@link RecipeException} for a failure the user can fix (its message is
 * shown as the error); any other exception is reported as a recipe bug, with its stack trace in the
 * part's log.
 */
public interface Recipe {
  /**
   * Builds the part: called when it is new or changed. Register each path with {@link
   * Part#created(Path...)} <em>before</em> creating it, so that a failure or a crash in the middle
   * removes what was made; then return every path the part owns (files or directories; relative
   * ones are relative to the buildout directory). Those paths are deleted when the part is
   * uninstalled or reinstalled, and if one of them vanishes the part is reinstalled on the next
   * run.
   *
   * @return the paths the part owns; an empty collection if it owns none
   * @throws Exception if the part cannot be built; nothing is recorded and registered paths are
   *     removed
   */
  Collection<Path> install() throws Exception;

  /**
   * Brings an unchanged part up to date: called instead of {@link #install()} when its options, its
   * recipe and the parts it references are all unchanged. The default does nothing.
   *
   * @return paths to add to those the part owns (the record keeps the earlier ones too); empty for
   *     none
   * @throws Exception if the update fails; the part's recorded paths are then deleted and it is
   *     installed from scratch on the next run
   */
  default Collection<Path> update() throws Exception {
    return List.of();
  }
}

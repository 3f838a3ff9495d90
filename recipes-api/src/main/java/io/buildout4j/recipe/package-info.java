/**
 * The recipe SPI: what a recipe author compiles against, and nothing else.
 *
 * <p>A recipe is the code behind a part. buildout4j finds {@link
 * io.buildout4j.recipe.RecipeFactory} implementations with {@link java.util.ServiceLoader} (or
 * loads them from a Maven artifact named by coordinates) and looks them up by the name a profile
 * gives in {@code recipe = NAME[:ENTRY]}.
 *
 * <h2>Lifecycle</h2>
 *
 * <ol>
 *   <li><b>create</b>: when the part's section is first resolved, the engine calls {@link
 *       io.buildout4j.recipe.RecipeFactory#create(Part)}: buildout's recipe constructor. It
 *       validates the options, may read other sections through {@link
 *       io.buildout4j.recipe.Part#section} (which makes those sections, and any part behind them,
 *       come first in the part order) and may set options of its own part ({@code location},
 *       computed paths) that other sections then see through {@code ${part:option}}. Every part in
 *       the profile is created before anything is installed, also by {@code plan}, which installs
 *       nothing.
 *   <li><b>install</b> or <b>update</b>: if the part is new, or its options, its recipe or a part
 *       it references changed, or a path it recorded vanished, the engine calls {@link
 *       io.buildout4j.recipe.Recipe#install()}; otherwise {@link
 *       io.buildout4j.recipe.Recipe#update()}.
 *   <li><b>uninstall</b>: when a part leaves the profile or is about to be reinstalled, the engine
 *       runs the factory's optional {@link io.buildout4j.recipe.Uninstaller}, then deletes the
 *       paths that install and update returned.
 * </ol>
 *
 * <h2>Threads</h2>
 *
 * Factories are shared and may be called from several threads at once; keep them stateless. A
 * {@link io.buildout4j.recipe.Recipe} instance belongs to one part and is called by one thread at a
 * time, but with {@code -j N} different parts' recipes run at the same time: do not share mutable
 * state between them, and do not change the process's working directory or environment. The {@link
 * io.buildout4j.recipe.Part} and {@link io.buildout4j.recipe.Options} handed to a recipe are safe
 * to use from any thread.
 *
 * <h2>Nulls</h2>
 *
 * Nothing is null unless marked {@code @Nullable}: an absent option reads as null only through
 * {@link io.buildout4j.recipe.Options#get(String)}.
 */
@NullMarked
package io.buildout4j.recipe;

import org.jspecify.annotations.NullMarked;

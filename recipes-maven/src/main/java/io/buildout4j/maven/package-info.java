/**
 * Recipes named by Maven coordinates: {@code recipe = GROUP:ARTIFACT[:VERSION][:ENTRY]}.
 *
 * <p>{@link io.buildout4j.maven.MavenRecipeSource} is an {@link io.buildout4j.engine.RecipeSource}
 * found by {@link java.util.ServiceLoader}: with this module on the engine's class path, a profile
 * can name a recipe by the coordinates of the jar that holds it. The jar and its runtime
 * dependencies are resolved with Maven Resolver (into the user's Maven local repository unless
 * {@code [buildout] recipe-local-repository} says otherwise) and loaded into a class loader of
 * their own that sees only the Java platform and the recipe SPI ({@code io.buildout4j.recipe}).
 */
@NullMarked
package io.buildout4j.maven;

import org.jspecify.annotations.NullMarked;

/**
 * A sample recipe in a module of its own, compiled against the recipe SPI alone: {@link
 * io.buildout4j.samples.customrecipe.PropertiesFileRecipe}, {@code sample.properties}, writes a
 * Java properties file from a part's options.
 */
@NullMarked
package io.buildout4j.samples.customrecipe;

import org.jspecify.annotations.NullMarked;

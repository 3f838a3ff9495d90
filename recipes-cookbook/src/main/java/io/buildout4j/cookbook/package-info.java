/**
 * The cookbook: the standard recipes, each registered under its native short name and the names
 * SlapOS profiles use ({@code download} / {@code slapos.recipe.build:download}, {@code cmmi} /
 * {@code slapos.recipe.cmmi}, ...). Depends on the recipe SPI only, so it sees exactly what a
 * recipe written elsewhere sees.
 */
@NullMarked
package io.buildout4j.cookbook;

import org.jspecify.annotations.NullMarked;

/**
 * The {@code buildout4j} command: {@code install}, {@code plan} and {@code uninstall} through the
 * part engine ({@code io.buildout4j.engine.Buildout}), with a plain or live progress display; and
 * {@code resolve}, {@code annotate} and {@code query} over a profile, printing text or JSON. Errors
 * are printed as buildout prints them, with exit status 1.
 */
@NullMarked
package io.buildout4j.cli;

import org.jspecify.annotations.NullMarked;

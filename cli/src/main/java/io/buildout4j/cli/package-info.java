/**
 * The {@code buildout4j} command: {@code resolve}, {@code annotate} and {@code query} over a
 * profile, printing text or JSON, with buildout-style errors and exit status 1 on failure.
 */
@NullMarked
package io.buildout4j.cli;

import org.jspecify.annotations.NullMarked;

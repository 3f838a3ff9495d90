/** A tool that embeds buildout4j as a library: {@link EmbeddingExample}. */
@NullMarked
package io.buildout4j.samples.embedding;

import org.jspecify.annotations.NullMarked;

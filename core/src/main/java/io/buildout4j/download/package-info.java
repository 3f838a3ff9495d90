/**
 * Downloads for recipes: {@link io.buildout4j.download.DownloadService} fetches plain paths, {@code
 * file:} and {@code http(s)://} URLs through the buildout's {@code download-cache}, verifying
 * checksums, honouring offline mode and alternate URLs, and reporting progress. The engine creates
 * one per run; embedders and tests build their own with {@link
 * io.buildout4j.download.DownloadService#builder(java.nio.file.Path)}.
 */
@NullMarked
package io.buildout4j.download;

import org.jspecify.annotations.NullMarked;

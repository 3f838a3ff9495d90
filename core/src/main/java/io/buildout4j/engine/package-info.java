/**
 * The part engine: buildout's install algorithm. {@link io.buildout4j.engine.Buildout} is the entry
 * point: it loads a profile with recipes, plans what each part needs (install, update, reinstall,
 * uninstall, keep, and why), runs the plan sequentially or in parallel over the reference graph,
 * and keeps the installed state ({@code .installed.cfg}) crash-safe under a directory lock.
 */
@NullMarked
package io.buildout4j.engine;

import org.jspecify.annotations.NullMarked;

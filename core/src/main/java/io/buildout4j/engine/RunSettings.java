package io.buildout4j.engine;

import io.buildout4j.recipe.BuildoutDirectories;
import io.buildout4j.recipe.Downloads;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What every part of one run shares: the buildout's directories and flags, where part logs go, the
 * listener, and the download service ({@code downloads}: a part's name to its view of it, which
 * reports progress under that name).
 */
record RunSettings(
    BuildoutDirectories directories,
    boolean offline,
    boolean newest,
    Path logDirectory,
    BuildListener listener,
    Function<String, Downloads> downloads) {}

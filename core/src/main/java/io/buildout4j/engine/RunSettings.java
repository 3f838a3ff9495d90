package io.buildout4j.engine;

import io.buildout4j.recipe.BuildoutDirectories;
import io.buildout4j.recipe.Downloads;
import java.nio.file.Path;

/**
 * What every part of one run shares: the buildout's directories and flags, where part logs go, the
 * listener, and the download service.
 */
record RunSettings(
    BuildoutDirectories directories,
    boolean offline,
    boolean newest,
    Path logDirectory,
    BuildListener listener,
    Downloads downloads) {}

package io.buildout4j.maven;

import io.buildout4j.engine.RecipeContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A {@link RecipeContext} with options and pins set by the test. */
final class TestContext implements RecipeContext {
  final Map<String, String> options = new HashMap<>();
  final Map<String, String> versions = new HashMap<>();
  final List<String> logs = new ArrayList<>();

  /**
   * Messages logged from another thread than the one that made this context (the one calling the
   * source): the engine's log takes the profile's lock, which that thread holds.
   */
  final List<String> logsFromOtherThreads = new ArrayList<>();

  private final Thread caller = Thread.currentThread();
  private final Path directory;
  private final boolean offline;

  TestContext(Path directory, boolean offline) {
    this.directory = directory;
    this.offline = offline;
  }

  TestContext option(String name, String value) {
    options.put(name, value);
    return this;
  }

  TestContext pin(String name, String version) {
    versions.put(name, version);
    return this;
  }

  @Override
  public @Nullable String buildoutOption(String option) {
    return options.get(option);
  }

  @Override
  public @Nullable String pinnedVersion(String name) {
    return versions.get(name);
  }

  @Override
  public boolean offline() {
    return offline;
  }

  @Override
  public Path directory() {
    return directory;
  }

  @Override
  public synchronized void log(String message) {
    logs.add(message);
    if (Thread.currentThread() != caller) {
      logsFromOtherThreads.add(Thread.currentThread().getName() + ": " + message);
    }
  }
}

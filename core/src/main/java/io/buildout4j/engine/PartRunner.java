package io.buildout4j.engine;

import io.buildout4j.profile.BuildoutException;
import io.buildout4j.recipe.PartLog;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecordedPart;
import io.buildout4j.recipe.Uninstaller;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Installs, updates and uninstalls single parts, keeping the installed state true to the disk at
 * every moment: before a recipe runs, the part is recorded as pending together with each path it
 * registers (write-ahead), so that whatever a crash interrupts is removed by the next run's {@link
 * #recover()}; after it succeeds, the part is recorded with its paths. Thread-safe: with {@code -j
 * N} several parts run at once through one runner.
 */
final class PartRunner {
  private final StateStore store;
  private final RunSettings settings;
  private final PartCatalog catalog;
  private final Path directory;

  PartRunner(StateStore store, RunSettings settings, PartCatalog catalog) {
    this.store = store;
    this.settings = settings;
    this.catalog = catalog;
    this.directory = settings.directories().directory();
  }

  /**
   * Removes what interrupted runs left: the registered paths of every pending part. Returns the
   * parts cleaned up.
   */
  List<String> recover() {
    List<String> recovered = new ArrayList<>();
    for (InstalledPart pending : store.current().pending()) {
      for (String path : pending.paths()) {
        deletePath(pending.name(), path, "Recovering.");
      }
      store.update(s -> s.withoutPending(pending.name()));
      recovered.add(pending.name());
    }
    return recovered;
  }

  /** Uninstalls an installed part: its uninstaller, then its paths, then its record. */
  void uninstall(InstalledPart installed) {
    String name = installed.name();
    long start = System.nanoTime();
    settings.listener().partStarted(name, Action.UNINSTALL);
    try {
      String recipe = installed.options().get("recipe");
      Uninstaller uninstaller = recipe == null ? null : catalog.uninstaller(recipe);
      if (uninstaller != null) {
        settings.listener().partOutput(name, "Running uninstall recipe.");
        try {
          RecordedPart recorded =
              new RecordedPart(
                  name,
                  withPaths(installed),
                  absolute(installed.paths()),
                  directory,
                  listenerLog(name));
          withLoaderOf(
              uninstaller,
              () -> {
                uninstaller.uninstall(recorded);
                return null;
              });
        } catch (Exception e) {
          throw failure(e, name, recipe, null, "Uninstalling " + name + ".");
        }
      }
      store.update(s -> s.without(name).withPending(installed));
      for (String path : installed.paths()) {
        deletePath(name, path, "Uninstalling " + name + ".");
      }
      store.update(s -> s.withoutPending(name));
      settings.listener().partFinished(name, Action.UNINSTALL, since(start), List.of());
    } catch (BuildoutException e) {
      settings.listener().partFailed(name, Action.UNINSTALL, since(start), e);
      throw e;
    }
  }

  /** Installs a part that is not (or no longer) installed; returns the recorded paths. */
  List<Path> install(PartCatalog.CreatedPart part, Map<String, String> options, Action action) {
    String name = part.name();
    long start = System.nanoTime();
    settings.listener().partStarted(name, action);
    List<String> registered = new ArrayList<>();
    store.defer(s -> s.withPending(new InstalledPart(name, Map.of(), List.of())));
    try (PartLogFile log = openLog(name)) {
      part.part()
          .begin(
              path -> {
                synchronized (registered) {
                  if (!registered.contains(path.toString())) {
                    registered.add(path.toString());
                    List<String> copy = List.copyOf(registered);
                    store.update(s -> s.withPending(new InstalledPart(name, Map.of(), copy)));
                  }
                }
              },
              log);
      Collection<Path> returned;
      try {
        returned = withLoaderOf(part.instance(), () -> part.instance().install());
      } catch (Exception | LinkageError e) {
        part.part().end();
        List<String> created;
        synchronized (registered) {
          created = List.copyOf(registered);
        }
        for (String path : created) {
          deletePath(name, path, "Installing " + name + ".");
        }
        store.update(s -> s.withoutPending(name));
        throw failure(e, name, part.recipeName(), log, "Installing " + name + ".");
      } finally {
        part.part().end();
      }
      List<String> paths;
      synchronized (registered) {
        paths = recordedPaths(List.of(), returned, registered);
      }
      List<String> recorded = paths;
      store.update(s -> s.withoutPending(name).with(new InstalledPart(name, options, recorded)));
      List<Path> result = absolute(recorded);
      settings.listener().partFinished(name, action, since(start), result);
      return result;
    } catch (BuildoutException e) {
      settings.listener().partFailed(name, action, since(start), e);
      throw e;
    }
  }

  /** Updates an installed, unchanged part; returns the recorded paths. */
  List<Path> update(
      PartCatalog.CreatedPart part, InstalledPart installed, Map<String, String> options) {
    String name = part.name();
    long start = System.nanoTime();
    settings.listener().partStarted(name, Action.UPDATE);
    List<String> registered = new ArrayList<>();
    try (PartLogFile log = openLog(name)) {
      part.part()
          .begin(
              path -> {
                synchronized (registered) {
                  if (!registered.contains(path.toString())
                      && !installed.paths().contains(path.toString())) {
                    registered.add(path.toString());
                    Set<String> ahead = new LinkedHashSet<>(installed.paths());
                    ahead.addAll(registered);
                    List<String> union = List.copyOf(ahead);
                    store.update(s -> replacing(s, installed.withPaths(union)));
                  }
                }
              },
              log);
      Collection<Path> returned;
      try {
        returned = withLoaderOf(part.instance(), () -> part.instance().update());
      } catch (Exception | LinkageError e) {
        part.part().end();
        InstalledPart current = store.current().part(name).orElse(null);
        InstalledPart failed = current == null ? installed : current;
        store.update(s -> s.without(name).withPending(failed));
        for (String path : failed.paths()) {
          deletePath(name, path, "Updating " + name + ".");
        }
        store.update(s -> s.withoutPending(name));
        throw failure(e, name, part.recipeName(), log, "Updating " + name + ".");
      } finally {
        part.part().end();
      }
      List<String> paths;
      synchronized (registered) {
        paths =
            recordedPaths(installed.paths(), returned == null ? List.of() : returned, registered);
      }
      List<String> recorded = paths;
      InstalledPart updated = new InstalledPart(name, options, recorded);
      if (updated.equals(store.current().part(name).orElse(null))) {
        store.defer(s -> s.without(name).with(updated));
      } else {
        store.update(s -> s.without(name).with(updated));
      }
      List<Path> result = absolute(recorded);
      settings.listener().partFinished(name, Action.UPDATE, since(start), result);
      return result;
    } catch (BuildoutException e) {
      settings.listener().partFailed(name, Action.UPDATE, since(start), e);
      throw e;
    }
  }

  /**
   * The paths to record: those recorded before, then those returned, then those registered that
   * exist and were not returned (a registered temporary the recipe removed is not kept).
   */
  private List<String> recordedPaths(
      List<String> before, Collection<Path> returned, List<String> registered) {
    Set<String> paths = new LinkedHashSet<>(before);
    for (Path path : returned) {
      paths.add(directory.resolve(path).normalize().toString());
    }
    for (String path : registered) {
      if (Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) {
        paths.add(path);
      }
    }
    return List.copyOf(paths);
  }

  private BuildoutException failure(
      Throwable e, String part, String recipe, @Nullable PartLogFile log, String activity) {
    BuildoutException failure;
    String logged =
        log == null ? "" : "\n(part " + part + ", recipe " + recipe + "; log: " + log.path() + ")";
    if (e instanceof BuildoutException known) {
      failure = new BuildoutException(known.kind(), known.getMessage() + logged, known);
      failure.recordWhile(known.whileChain());
    } else if (e instanceof RecipeException) {
      failure = new BuildoutException("UserError", e.getMessage() + logged, e);
    } else {
      if (log != null) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        trace.toString().lines().forEach(log::write);
      }
      failure =
          new BuildoutException(
              "InternalError",
              "An internal error occurred in recipe "
                  + recipe
                  + " of part "
                  + part
                  + ", a bug in the recipe: "
                  + e
                  + logged,
              e);
    }
    if (failure.whileChain().isEmpty()) {
      failure.recordWhile(List.of("Installing.", activity));
    }
    return failure;
  }

  private void deletePath(String part, String path, String activity) {
    if (path.isEmpty()) {
      return;
    }
    Path resolved = directory.resolve(path);
    try {
      PathRemoval.delete(resolved);
    } catch (IOException e) {
      BuildoutException error =
          new BuildoutException(
              "UserError", "Couldn't remove " + resolved + " of part " + part + ": " + e, e);
      error.recordWhile(List.of("Installing.", activity));
      throw error;
    }
  }

  private @Nullable PartLogFile openLog(String part) {
    try {
      return PartLogFile.open(settings.logDirectory(), part);
    } catch (IOException e) {
      settings.listener().message("Cannot write the log of part " + part + ": " + e.getMessage());
      return null;
    }
  }

  private Map<String, String> withPaths(InstalledPart installed) {
    Map<String, String> options = new java.util.TreeMap<>(installed.options());
    options.put("__buildout_installed__", String.join("\n", installed.paths()));
    return options;
  }

  private List<Path> absolute(List<String> paths) {
    List<Path> result = new ArrayList<>();
    for (String path : paths) {
      if (!path.isEmpty()) {
        result.add(directory.resolve(path));
      }
    }
    return List.copyOf(result);
  }

  private PartLog listenerLog(String part) {
    BuildListener listener = settings.listener();
    return new PartLog() {
      @Override
      public void info(String message) {
        listener.partOutput(part, message);
      }

      @Override
      public void warning(String message) {
        listener.partOutput(part, "WARNING: " + message);
      }

      @Override
      public void debug(String message) {}
    };
  }

  /** Code that may throw anything a recipe throws. */
  private interface RecipeCall<T> {
    T call() throws Exception;
  }

  /**
   * Runs recipe code with the thread's context class loader set to the loader of the recipe's
   * class, so that libraries the recipe uses find its resources.
   */
  private static <T> T withLoaderOf(Object recipe, RecipeCall<T> call) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader caller = thread.getContextClassLoader();
    thread.setContextClassLoader(recipe.getClass().getClassLoader());
    try {
      return call.call();
    } finally {
      thread.setContextClassLoader(caller);
    }
  }

  /** {@code state} with {@code part} recorded in its place, keeping the order. */
  private static InstalledState replacing(InstalledState state, InstalledPart part) {
    List<InstalledPart> parts = new ArrayList<>(state.parts());
    parts.replaceAll(p -> p.name().equals(part.name()) ? part : p);
    return new InstalledState(state.developEggs(), parts, state.pending());
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}

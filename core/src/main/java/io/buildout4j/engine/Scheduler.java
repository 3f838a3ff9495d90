package io.buildout4j.engine;

import io.buildout4j.profile.BuildoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs the install phase of a plan: with one job, the parts one after the other in buildout's
 * order; with N jobs, up to N at once, each part starting when the parts it depends on are done
 * (ties broken by buildout's order). A failure stops the run, after the parts already running
 * finish; with keep-going, only the parts that depend on the failed one are skipped.
 */
final class Scheduler {
  /** Runs one part's install or update. */
  interface Work {
    List<Path> run(String part, Action action);
  }

  private final int jobs;
  private final boolean keepGoing;
  private final BuildListener listener;

  Scheduler(int jobs, boolean keepGoing, BuildListener listener) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
    }
    this.jobs = jobs;
    this.keepGoing = keepGoing;
    this.listener = listener;
  }

  /**
   * Runs every part of {@code plan.order()}, adding an outcome for each to {@code outcomes}.
   *
   * @return the first failure, or null if all succeeded
   */
  @Nullable BuildoutException run(Plan plan, Work work, List<PartOutcome> outcomes) {
    return jobs == 1 ? sequential(plan, work, outcomes) : parallel(plan, work, outcomes);
  }

  private @Nullable BuildoutException sequential(Plan plan, Work work, List<PartOutcome> outcomes) {
    BuildoutException first = null;
    Map<String, String> broken = new HashMap<>();
    for (String part : plan.order()) {
      PartPlan planned = plan.parts().get(part);
      if (first != null && !keepGoing) {
        outcomes.add(
            skipped(
                planned,
                "the run stopped at " + first.getMessage().lines().findFirst().orElse("")));
        continue;
      }
      String failedDependency = failedDependency(planned, broken);
      if (failedDependency != null) {
        broken.put(part, broken.get(failedDependency));
        listener.partSkipped(part, broken.get(part));
        outcomes.add(skipped(planned, "part " + broken.get(part) + " failed"));
        continue;
      }
      long start = System.nanoTime();
      try {
        List<Path> paths = work.run(part, planned.action());
        outcomes.add(done(planned, start, paths));
      } catch (BuildoutException e) {
        outcomes.add(failed(planned, start, e));
        broken.put(part, part);
        if (first == null) {
          first = e;
        }
      }
    }
    return first;
  }

  private @Nullable BuildoutException parallel(Plan plan, Work work, List<PartOutcome> outcomes) {
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "buildout4j-part-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ExecutorService executor = Executors.newFixedThreadPool(jobs, factory);
    try {
      CompletionService<String> completion = new ExecutorCompletionService<>(executor);
      List<String> waiting = new ArrayList<>(plan.order());
      Set<String> done = new HashSet<>();
      Map<String, String> broken = new HashMap<>();
      Map<Future<String>, PartPlan> running = new HashMap<>();
      Map<String, Long> started = new HashMap<>();
      Map<String, List<Path>> results = new java.util.concurrent.ConcurrentHashMap<>();
      BuildoutException first = null;
      while (!waiting.isEmpty() || !running.isEmpty()) {
        boolean stop = first != null && !keepGoing;
        for (java.util.Iterator<String> it = waiting.iterator(); it.hasNext(); ) {
          String part = it.next();
          PartPlan planned = plan.parts().get(part);
          if (stop) {
            outcomes.add(skipped(planned, "the run stopped after a failure"));
            it.remove();
            continue;
          }
          String failedDependency = failedDependency(planned, broken);
          if (failedDependency != null) {
            broken.put(part, broken.get(failedDependency));
            listener.partSkipped(part, broken.get(part));
            outcomes.add(skipped(planned, "part " + broken.get(part) + " failed"));
            it.remove();
            continue;
          }
          if (running.size() >= jobs || !done.containsAll(planned.dependencies())) {
            continue;
          }
          it.remove();
          started.put(part, System.nanoTime());
          running.put(
              completion.submit(
                  () -> {
                    results.put(part, work.run(part, planned.action()));
                    return part;
                  }),
              planned);
        }
        if (running.isEmpty()) {
          if (!waiting.isEmpty()) {
            throw new IllegalStateException("parts wait for each other: " + waiting);
          }
          break;
        }
        Future<String> finished = take(completion);
        PartPlan planned = running.remove(finished);
        String part = planned.name();
        try {
          finished.get();
          done.add(part);
          outcomes.add(done(planned, started.get(part), results.get(part)));
        } catch (ExecutionException e) {
          BuildoutException failure =
              e.getCause() instanceof BuildoutException known
                  ? known
                  : new BuildoutException(
                      "InternalError", "Part " + part + " failed: " + e.getCause(), e.getCause());
          outcomes.add(failed(planned, started.get(part), failure));
          broken.put(part, part);
          if (first == null) {
            first = failure;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BuildoutException("UserError", "Interrupted while installing", e);
        }
      }
      return first;
    } finally {
      executor.shutdownNow();
    }
  }

  private static Future<String> take(CompletionService<String> completion) {
    try {
      return completion.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildoutException("UserError", "Interrupted while installing", e);
    }
  }

  private static @Nullable String failedDependency(PartPlan planned, Map<String, String> broken) {
    for (String dependency : planned.dependencies()) {
      if (broken.containsKey(dependency)) {
        return dependency;
      }
    }
    return null;
  }

  private static PartOutcome done(PartPlan planned, long start, List<Path> paths) {
    return new PartOutcome(
        planned.name(),
        planned.action(),
        PartOutcome.Status.DONE,
        Duration.ofNanos(System.nanoTime() - start),
        paths,
        null);
  }

  private static PartOutcome failed(PartPlan planned, long start, BuildoutException e) {
    return new PartOutcome(
        planned.name(),
        planned.action(),
        PartOutcome.Status.FAILED,
        Duration.ofNanos(System.nanoTime() - start),
        List.of(),
        e.getMessage());
  }

  private static PartOutcome skipped(PartPlan planned, String why) {
    return new PartOutcome(
        planned.name(),
        planned.action(),
        PartOutcome.Status.SKIPPED,
        Duration.ZERO,
        List.of(),
        why);
  }
}

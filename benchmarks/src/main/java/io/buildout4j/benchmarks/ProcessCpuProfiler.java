package io.buildout4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark JVM used per operation (all its threads:
 * the benchmark, the garbage collector, the JIT), as {@code process.cpu} in ms/op. On a shared or
 * loaded machine the average time (wall clock) grows with the other load; CPU time per operation
 * much less so. Use it with {@code -prof io.buildout4j.benchmarks.ProcessCpuProfiler}.
 */
public final class ProcessCpuProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startNanos;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM (all threads) per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long used = os.getProcessCpuTime() - startNanos;
    long ops = result.getMetadata().getMeasuredOps();
    if (ops <= 0) {
      ops = result.getMetadata().getAllOps();
    }
    if (startNanos < 0 || used < 0 || ops <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("process.cpu", used / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
  }
}

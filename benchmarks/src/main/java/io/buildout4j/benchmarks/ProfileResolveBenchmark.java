package io.buildout4j.benchmarks;

import io.buildout4j.profile.ProfileLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full resolution of a SlapOS release, warm: {@link ProfileLoadBenchmark}'s load, then every
 * option of every section substituted ({@code Profile.resolveAll()}, what {@code buildout4j
 * resolve} prints), with recipe placeholders for the options recipes would add.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
// A fixed heap: a load allocates tens to hundreds of MB, and a growing heap slowed warm-up a lot.
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ProfileResolveBenchmark {
  /** The profile, relative to the corpus's {@code slapos/} directory (as in the load benchmark). */
  @Param({
    "software/erp5/software.cfg",
    "software/wendelin/software.cfg",
    "software/nextcloud/software.cfg",
    "component/gzip/buildout.cfg"
  })
  public String profile;

  private Path path;
  private ProfileLoader loader;

  @Setup
  public void setUp() {
    path = Corpus.profile(profile);
    loader = Corpus.loader();
    loader.load(path).resolveAll(); // fails here, before any measurement, if it cannot resolve
  }

  @Benchmark
  public Map<String, Map<String, String>> resolveAll() {
    return loader.load(path).resolveAll();
  }
}

package io.buildout4j.benchmarks;

import io.buildout4j.profile.Profile;
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
 * A SlapOS release, warm. {@link #load}: read and parse every file of its {@code extends} closure,
 * fold the extends tree, layer {@code +=}/{@code -=} and initialise {@code [buildout]} (other
 * sections are resolved lazily and stay unresolved). {@link #resolveAll}: the load, then every
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
public class ProfileBenchmark {
  /**
   * The profile, relative to the corpus's {@code slapos/} directory: erp5 and wendelin (176,680 and
   * 176,678 extends paths over 248 and 246 files), nextcloud (266 distinct files, the most of any
   * release; matomo also reads 266 but does not resolve: it references {@code [slap-connection]},
   * which only instance profiles define), and a small component for contrast.
   */
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
  public Profile load() {
    return loader.load(path);
  }

  @Benchmark
  public Map<String, Map<String, String>> resolveAll() {
    return loader.load(path).resolveAll();
  }
}

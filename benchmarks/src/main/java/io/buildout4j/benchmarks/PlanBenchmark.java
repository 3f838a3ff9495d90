package io.buildout4j.benchmarks;

import io.buildout4j.engine.Action;
import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.Plan;
import io.buildout4j.engine.RunReport;
import io.buildout4j.profile.Profiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Random;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The part engine on a buildout that is already installed, warm. The profile has {@link #parts}
 * parts ({@code bench:noop}, see {@link NoopRecipe}), each referencing one or two earlier parts'
 * options; the setup writes it to a temporary directory and installs it once, so that every part
 * would be updated.
 *
 * <p>{@link #plan}: {@link Buildout#plan()}: load the profile, create every part's recipe, read
 * {@code .installed.cfg}, compute every part's signature (a hash over each referenced part's
 * options) and decide (compare the options, check that the recorded paths exist). {@link #install}:
 * a no-op {@link Buildout#install()}: the plan, the directory lock, and every part's update, with
 * the installed state rewritten as each part is moved to the end (buildout's order).
 *
 * <p>The directory is {@code java.io.tmpdir}, or {@code -Dbuildout4j.bench.dir=DIR} (e.g. {@code
 * /dev/shm}, to leave out the fsyncs of the state file).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PlanBenchmark {
  @Param({"500"})
  public int parts;

  /**
   * The order of {@code [buildout] parts}: {@code first} (part 0 first: each part's references are
   * resolved before it) or {@code last} (the last part first: the part order resolves the whole
   * chain from it down, deeper than the resolver keeps on the caller's stack).
   */
  @Param({"first", "last"})
  public String listed;

  private Path directory;
  private Buildout buildout;

  @Setup
  public void setUp() throws IOException {
    String parent = System.getProperty("buildout4j.bench.dir");
    directory =
        parent == null
            ? Files.createTempDirectory("buildout4j-plan-bench")
            : Files.createTempDirectory(Path.of(parent), "buildout4j-plan-bench");
    Files.writeString(
        directory.resolve("buildout.cfg"),
        profile(parts, listed.equals("last")),
        StandardCharsets.UTF_8);
    buildout =
        Buildout.builder(directory.resolve("buildout.cfg"))
            .loader(Profiles.loader().userDefaults(false).workingDirectory(directory))
            .build();
    buildout.install();
    // fails here, before any measurement, if the installed buildout is not all updates
    Plan plan = buildout.plan();
    if (plan.order().size() != parts || plan.withAction(Action.UPDATE).size() != parts) {
      throw new IllegalStateException(
          "not a no-op plan of "
              + parts
              + " parts: "
              + plan.order().size()
              + " parts, "
              + plan.withAction(Action.UPDATE).size()
              + " updates");
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  @Benchmark
  public Plan plan() {
    return buildout.plan();
  }

  @Benchmark
  public RunReport install() {
    return buildout.install();
  }

  /**
   * {@code count} parts: part {@code i} references one or two of the parts before it (mostly near
   * ones, as component chains do), through a value and a location; {@code [buildout] parts} lists
   * them all, the first or the last first. (Listed last first, the part order resolves the whole
   * chain from the last part down; that once deadlocked: see {@code EngineDeepChainTest} in core.)
   */
  static String profile(int count, boolean lastFirst) {
    Random random = new Random(count);
    StringBuilder out = new StringBuilder("[buildout]\nparts =");
    for (int i = 0; i < count; i++) {
      out.append(' ').append(name(lastFirst ? count - 1 - i : i));
    }
    out.append('\n');
    for (int i = 0; i < count; i++) {
      out.append("\n[").append(name(i)).append("]\nrecipe = bench:noop\n");
      out.append("version = 1.").append(i).append('\n');
      if (i > 0) {
        int first = Math.max(0, i - 1 - random.nextInt(Math.min(i, 5)));
        out.append("depends = ${").append(name(first)).append(":version}\n");
        if (i > 1 && random.nextBoolean()) {
          int second = random.nextInt(i);
          out.append("uses = ${").append(name(second)).append(":location}/lib\n");
        }
      }
      out.append("flags = -O2 -g ${:version}\n");
    }
    return out.toString();
  }

  private static String name(int i) {
    return String.format("part%04d", i);
  }
}

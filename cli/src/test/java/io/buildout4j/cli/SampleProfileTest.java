package io.buildout4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's main command: planning the sample software release shipped in samples/hello with the
 * cookbook's recipes; and resolving it with {@code --no-recipes}, as the oracle does.
 */
class SampleProfileTest {
  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
  private static final Path SAMPLE = REPOSITORY.resolve("samples/hello");

  @Test
  void theSampleReleaseResolves() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new Main(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                REPOSITORY)
            .run(
                List.of(
                    "resolve",
                    "--no-recipes",
                    "-U",
                    "--format",
                    "json",
                    "-c",
                    "samples/hello/software/hello/software.cfg"));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    Map<?, ?> sections = (Map<?, ?>) JsonReader.read(out.toString(StandardCharsets.UTF_8));
    Path software = SAMPLE.resolve("software/hello");
    Map<?, ?> lib = (Map<?, ?>) sections.get("greeting-lib");
    assertEquals("--enable-static\n--with-colour", lib.get("configure-options"));
    assertEquals(SAMPLE.resolve("component/greeting-lib/src").toString(), lib.get("path"));
    Map<?, ?> greeter = (Map<?, ?>) sections.get("greeter");
    assertTrue(
        ((String) greeter.get("configure-options"))
            .startsWith("--with-greeting-lib=" + software.resolve("parts/greeting-lib")),
        greeter.toString());
    Map<?, ?> service = (Map<?, ?>) sections.get("service-greeter");
    assertEquals(software.resolve("bin/service-greeter").toString(), service.get("wrapper-path"));
    assertEquals(
        software.resolve("parts/greeter/bin/greeter") + " --port ${instance:port}",
        service.get("command-line"));
    assertEquals(
        "greeter\nservice-greeter\ninstance-profile",
        ((Map<?, ?>) sections.get("buildout")).get("parts"));
  }

  @Test
  void theSampleReleasePlansWithTheCookbooksRecipes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new Main(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                REPOSITORY)
            .run(List.of("plan", "-U", "-c", "samples/hello/software/hello/software.cfg"));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertEquals(
        "install greeting-lib (not installed)\n"
            + "install greeter (not installed)\n"
            + "install service-greeter (not installed)\n"
            + "install instance-profile (not installed)\n",
        out.toString(StandardCharsets.UTF_8));
  }
}

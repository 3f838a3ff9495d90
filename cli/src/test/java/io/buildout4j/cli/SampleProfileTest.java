package io.buildout4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample software release of samples/slapos, resolved and planned in place with the cookbook's
 * recipes (samples/slapos's own test installs it and runs its instance).
 */
class SampleProfileTest {
  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
  private static final Path SAMPLE = REPOSITORY.resolve("samples/slapos");
  private static final String RELEASE = "samples/slapos/software/greeter/software.cfg";

  @Test
  void theReleaseChangesOneComponentAndKeepsTheRestFromExtends() {
    Map<?, ?> sections =
        (Map<?, ?>) JsonReader.read(run("resolve", "-U", "--format", "json", "-c", RELEASE));
    Path parts = SAMPLE.resolve("software/greeter/parts");
    Map<?, ?> libgreet = (Map<?, ?>) sections.get("libgreet");
    assertEquals("--greeting=Bonjour", libgreet.get("configure-options"));
    assertEquals(
        SAMPLE.resolve("component/libgreet/../../dist/libgreet-1.0.tar.xz").toString(),
        libgreet.get("url"));
    assertEquals("a3ece8f53b1fd41e4cd37c321e78559b", libgreet.get("md5sum"));
    assertEquals(parts.resolve("libgreet").toString(), libgreet.get("location"));
    Map<?, ?> greetd = (Map<?, ?>) sections.get("greetd");
    assertEquals("--with-libgreet=" + parts.resolve("libgreet"), greetd.get("configure-options"));
    assertEquals(
        "LDFLAGS=-Wl,-rpath=" + parts.resolve("libgreet") + "/lib", greetd.get("environment"));
    assertEquals("greetd\ninstance-profile", ((Map<?, ?>) sections.get("buildout")).get("parts"));
  }

  @Test
  void theReleasePlansLibraryBeforeProgram() {
    assertEquals(
        "install libgreet (not installed)\n"
            + "install greetd (not installed)\n"
            + "install instance-profile (not installed)\n",
        run("plan", "-U", "-c", RELEASE));
  }

  private static String run(String... arguments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new Main(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                REPOSITORY)
            .run(List.of(arguments));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}

package io.buildout4j.samples.slapos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, {@code samples/slapos/run}: it compiles the components from the
 * archives it makes, installs the software release and an instance with the command line, and the
 * instance then runs under a real supervisord (Debian's {@code supervisor} package).
 *
 * <p>The run happens once, for the whole class, into a temporary directory and on a free port.
 * Without supervisord on the PATH the supervisord test is skipped with the reason, unless {@code
 * BUILDOUT4J_REQUIRE_SUPERVISORD=1} (set by {@code .ci/run}, which installs it) makes it fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaposSampleTest {
  private static final Path SAMPLE = Path.of("").toAbsolutePath();
  private static final Duration INSTALL_LIMIT = Duration.ofMinutes(10);

  private Path work;
  private Path jar;
  private int port;
  private Command.Result run;

  @BeforeAll
  void runTheSample(@TempDir Path temporary) throws Exception {
    work = temporary.resolve("sample");
    jar = commandLineJar();
    port = freePort();
    run =
        Command.of(
                SAMPLE.resolve("run").toString(), "--port", Integer.toString(port), work.toString())
            .withEnvironment(Map.of("BUILDOUT4J_JAR", jar.toString()))
            .run(temporary.resolve("run.out"), INSTALL_LIMIT)
            .assertSucceeded();
  }

  @AfterAll
  void stopSupervisordIfLeftRunning() throws IOException {
    Path pidFile = work.resolve("instance/var/run/supervisord.pid");
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void theRunSaysWhereTheResultIsAndHowToSeeItRun() {
    String out = run.output();
    assertTrue(out.contains("Software release  " + work.resolve("software")), out);
    assertTrue(out.contains("Instance          " + work.resolve("instance")), out);
    assertTrue(out.contains(work.resolve("instance/bin/supervisord").toString()), out);
    assertTrue(out.contains("curl http://127.0.0.1:" + port + "/"), out);
    assertTrue(out.contains("Installed 3 parts"), out);
    assertTrue(out.contains("Installed 5 parts"), out);
  }

  @Test
  void theLibraryIsASharedPartBuiltWithTheReleasesConfigureOptions() throws IOException {
    Path shared;
    try (Stream<Path> builds = Files.list(work.resolve("shared/libgreet"))) {
      List<Path> directories = builds.filter(Files::isDirectory).toList();
      assertEquals(1, directories.size(), directories.toString());
      shared = directories.get(0);
    }
    assertTrue(Files.isRegularFile(shared.resolve("lib/libgreet.so")));
    assertTrue(Files.isRegularFile(shared.resolve(".buildout-shared.json")));
    String libgreetLog = Files.readString(work.resolve("software/.buildout4j/logs/libgreet.log"));
    assertTrue(libgreetLog.contains("greeting 'Bonjour'"), libgreetLog);
    String greetdLog = Files.readString(work.resolve("software/.buildout4j/logs/greetd.log"));
    assertTrue(greetdLog.contains("-Wl,-rpath=" + shared + "/lib"), greetdLog);
    assertTrue(Files.isExecutable(work.resolve("software/parts/greetd/bin/greetd")));
  }

  @Test
  void theInstanceProfileHasTheReleasesValuesAndInstanceTimeReferences() throws IOException {
    String profile = Files.readString(work.resolve("software/instance.cfg"));
    assertTrue(profile.contains(work.resolve("software/parts/greetd/bin/greetd").toString()));
    assertTrue(profile.contains("--port ${instance-parameter:port}"), profile);
    assertFalse(profile.contains("$${"), profile);

    String wrapper = Files.readString(work.resolve("instance/etc/service/greetd"));
    assertTrue(wrapper.contains("--port " + port), wrapper);
    String supervisor = Files.readString(work.resolve("instance/etc/supervisord.conf"));
    assertTrue(
        supervisor.contains(
            "[program:greetd]\ncommand = " + work.resolve("instance/etc/service/greetd")),
        supervisor);
  }

  @Test
  void aSecondLookFindsEverythingUpToDate() throws Exception {
    for (String buildout : List.of("software", "instance")) {
      Command.Result plan =
          Command.of(
                  javaCommand(),
                  "-jar",
                  jar.toString(),
                  "plan",
                  "-c",
                  work.resolve(buildout + "/buildout.cfg").toString())
              .run(work.resolve(buildout + "-plan.out"), Duration.ofMinutes(2))
              .assertSucceeded();
      List<String> lines = plan.output().lines().toList();
      assertFalse(lines.isEmpty());
      for (String line : lines) {
        assertTrue(line.startsWith("update ") && line.endsWith(" (unchanged)"), plan.output());
      }
    }
  }

  @Test
  void annotateSaysWhichFileEachInstanceParameterCameFrom() throws Exception {
    Command.Result annotate =
        Command.of(
                javaCommand(),
                "-jar",
                jar.toString(),
                "annotate",
                "-c",
                work.resolve("instance/buildout.cfg").toString(),
                "instance-parameter")
            .run(work.resolve("annotate.out"), Duration.ofMinutes(2))
            .assertSucceeded();
    List<String> lines = annotate.output().lines().toList();
    int port = lines.indexOf("port= " + this.port);
    assertTrue(port >= 0, annotate.output());
    assertEquals("    buildout.cfg:7", lines.get(port + 1), annotate.output());
    int name = lines.indexOf("name= world");
    assertTrue(name >= 0, annotate.output());
    assertTrue(
        lines.get(name + 1).startsWith("    " + work.resolve("software/instance.cfg") + ":"),
        annotate.output());
  }

  @Test
  void theInstanceRunsUnderSupervisord() throws Exception {
    requireSupervisord();
    Path bin = work.resolve("instance/bin");
    Path log = work.resolve("supervisord.out");
    Command.of(bin.resolve("supervisord").toString())
        .run(log, Duration.ofMinutes(1))
        .assertSucceeded();
    try {
      awaitRunning(bin);
      HttpResponse<String> answer = get("http://127.0.0.1:" + port + "/");
      assertEquals(200, answer.statusCode());
      assertEquals("Bonjour, world!\n", answer.body());
    } finally {
      Command.of(bin.resolve("supervisorctl").toString(), "shutdown")
          .run(work.resolve("shutdown.out"), Duration.ofMinutes(1))
          .assertSucceeded();
    }
    awaitClosed();
    String serviceLog = Files.readString(work.resolve("instance/var/log/greetd.log"));
    assertTrue(serviceLog.contains("greetd: listening on 127.0.0.1:" + port), serviceLog);
  }

  private void awaitRunning(Path bin) throws Exception {
    Command.Result status = null;
    for (int attempt = 0; attempt < 150; attempt++) {
      status =
          Command.of(bin.resolve("supervisorctl").toString(), "status", "greetd")
              .run(work.resolve("status.out"), Duration.ofMinutes(1));
      if (status.output().contains("RUNNING")) {
        return;
      }
      Thread.sleep(200);
    }
    fail("greetd is not RUNNING under supervisord after 30 s: " + status.output());
  }

  private void awaitClosed() throws Exception {
    for (int attempt = 0; attempt < 150; attempt++) {
      try {
        get("http://127.0.0.1:" + port + "/");
      } catch (ConnectException closed) {
        return;
      }
      Thread.sleep(200);
    }
    fail("greetd still answers 30 s after supervisorctl shutdown");
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static void requireSupervisord() {
    boolean found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .anyMatch(directory -> Files.isExecutable(Path.of(directory, "supervisord")));
    if (!found) {
      String reason =
          "supervisord is not on the PATH: install Debian's supervisor package (.ci/run does)";
      if ("1".equals(System.getenv("BUILDOUT4J_REQUIRE_SUPERVISORD"))) {
        fail(reason + "; BUILDOUT4J_REQUIRE_SUPERVISORD=1 asks for this test to run");
      }
      Assumptions.abort(reason);
    }
  }

  /** The command line's shaded jar, a test dependency of this module. */
  private static Path commandLineJar() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(path -> path.getFileName().toString().matches("buildout4j-cli-.*-all\\.jar"))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("buildout4j-cli's -all jar is not on the test class path"));
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

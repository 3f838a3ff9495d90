package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wrapper recipe through the engine, and the scripts it writes run by /bin/sh. */
class WrapperRecipeTest {
  private static final String SHOW =
      """
      #!/bin/sh
      for a in "$@"; do printf '[%s]\\n' "$a"; done
      echo "GREETING=$GREETING"
      echo "QUOTE=$QUOTE"
      echo "KEPT=$KEPT"
      """;

  @TempDir Path directory;
  TemplateTestBuildout buildout;

  @BeforeEach
  void setUp() throws IOException {
    buildout = new TemplateTestBuildout(directory);
    buildout.file("show", SHOW);
    Files.setPosixFilePermissions(
        directory.resolve("show"), PosixFilePermissions.fromString("rwx------"));
  }

  /** Runs {@code script} with /bin/sh and {@code args}; its standard output and error. */
  private Result run(Path script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KEPT", "inherited");
    builder.environment().put("HOME", directory.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    return new Result(process.exitValue(), output);
  }

  private record Result(int status, String output) {}

  @Test
  void theScriptRunsTheCommandWithItsArgumentsEnvironmentAndExtraArguments() throws Exception {
    buildout.profile(
        """
        [buildout]
        parts = service

        [service]
        recipe = slapos.cookbook:wrapper
        command-line = ${buildout:directory}/show 'two words' "double \\"q\\"" it\\'s\\ ok '$HOME'
          --last
        wrapper-path = ${buildout:directory}/bin/service
        environment =
          GREETING = hello world
          QUOTE=it's "quoted" $HOME
        """);
    buildout.install();
    Path wrapper = directory.resolve("bin/service");
    String script = Files.readString(wrapper);
    assertTrue(script.startsWith("#!/bin/sh -e\n"), script);
    assertEquals("rwx------", buildout.mode("bin/service"));
    Result result = run(wrapper, "extra", "arg 2", "");
    assertEquals(0, result.status(), result.output());
    assertEquals(
        """
        [two words]
        [double "q"]
        [it's ok]
        [$HOME]
        [--last]
        [extra]
        [arg 2]
        []
        GREETING=hello world
        QUOTE=it's "quoted" $HOME
        KEPT=inherited
        """,
        result.output());
    // and through its shebang
    Process direct = new ProcessBuilder(wrapper.toString()).redirectErrorStream(true).start();
    String output = new String(direct.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(direct.waitFor(20, TimeUnit.SECONDS));
    assertTrue(output.startsWith("[two words]\n"), output);

    buildout.install();
    assertEquals(List.of("update service"), buildout.events);
    buildout.profile("[buildout]\nparts =\n");
    buildout.install();
    assertFalse(Files.exists(wrapper), "the wrapper belongs to the part");
  }

  @Test
  void waitForFilesHoldsTheCommandUntilTheFilesExist() throws Exception {
    buildout.profile(
        """
        [buildout]
        parts = w

        [w]
        recipe = wrapper
        command-line = ${buildout:directory}/show started
        wrapper-path = w
        wait-for-files =
          ${buildout:directory}/ready/a
          ${buildout:directory}/b
        """);
    buildout.install();
    Process process =
        new ProcessBuilder("/bin/sh", directory.resolve("w").toString())
            .redirectErrorStream(true)
            .start();
    assertFalse(process.waitFor(700, TimeUnit.MILLISECONDS), "it waits");
    Files.createDirectories(directory.resolve("ready"));
    Files.writeString(directory.resolve("ready/a"), "");
    assertFalse(process.waitFor(500, TimeUnit.MILLISECONDS), "it waits for both");
    Files.createSymbolicLink(directory.resolve("b"), directory.resolve("nowhere"));
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "a dangling symbolic link counts");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(output.startsWith("[started]\n"), output);
  }

  @Test
  void aPidfileKeepsASecondCopyFromStarting() throws Exception {
    buildout.profile(
        """
        [buildout]
        parts = w

        [w]
        recipe = wrapper
        command-line = sleep 30
        wrapper-path = w
        pidfile = ${buildout:directory}/w.pid
        """);
    buildout.install();
    Path pidfile = directory.resolve("w.pid");
    Files.writeString(pidfile, "999999999\n"); // stale: no such process
    Process first = new ProcessBuilder("/bin/sh", directory.resolve("w").toString()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String cmdline = "";
      while (System.nanoTime() < deadline && !cmdline.startsWith("sleep")) {
        Thread.sleep(50);
        cmdline = Files.readString(Path.of("/proc/" + first.pid() + "/cmdline")).replace('\0', ' ');
      }
      assertTrue(cmdline.startsWith("sleep 30"), cmdline);
      assertEquals(Long.toString(first.pid()), Files.readString(pidfile).strip());
      Result second = run(directory.resolve("w"));
      assertEquals(1, second.status());
      assertEquals("Already running with pid " + first.pid() + ".\n", second.output());
    } finally {
      first.destroyForcibly().waitFor();
    }
  }

  @Test
  void hashFilesSuffixTheWrapperPathAndHashExistingFilesAreAnOption() throws Exception {
    buildout
        .file("conf/a.conf", "port = 1\n")
        .file("existing", "e")
        .profile(
            """
            [buildout]
            parts = w

            [w]
            recipe = slapos.cookbook:wrapper
            command-line = ${buildout:directory}/show
            wrapper-path = ${buildout:directory}/w
            hash-files = ${buildout:directory}/conf/a.conf
            hash-existing-files = ${buildout:directory}/existing
            """);
    buildout.install();
    // SlapOS's generateHashFromFiles: MD5 of "<length>\n<content>" for each file, in order
    String hash =
        TemplateTestDownloads.md5("9\nport = 1\n1\ne".getBytes(StandardCharsets.US_ASCII));
    assertTrue(Files.isRegularFile(directory.resolve("w-" + hash)), hash);
    assertTrue(
        buildout
            .installedCfg()
            .contains(
                "__hash_files__ = "
                    + TemplateTestDownloads.md5("1\ne".getBytes(StandardCharsets.US_ASCII))),
        buildout.installedCfg());

    // a hash-existing-files change is an option change: a new wrapper replaces the old
    Files.writeString(directory.resolve("existing"), "changed");
    buildout.install();
    assertEquals(List.of("uninstall w", "reinstall w"), buildout.events);
    assertFalse(Files.exists(directory.resolve("w-" + hash)));
  }

  @Test
  void hashFilesMustBeGeneratedByTheBuildout(@TempDir Path elsewhere) throws IOException {
    Files.writeString(elsewhere.resolve("outside"), "x");
    buildout.profile(
        """
        [buildout]
        parts = w

        [w]
        recipe = slapos.cookbook:wrapper
        command-line = true
        wrapper-path = w
        hash-files = %s
        """
            .formatted(elsewhere.resolve("outside")));
    String message = buildout.installFails();
    assertTrue(
        message.contains("w:hash-files must only list files that are generated by buildout"),
        message);
    assertFalse(buildout.exists("w"));
  }

  @Test
  void sigIgnIgnoresTheSignalInTheCommandAndReserveCpuRecordsThePid() throws Exception {
    buildout.profile(
        """
        [buildout]
        parts = usr1 rt

        [usr1]
        recipe = slapos.cookbook:wrapper
        command-line = /bin/sh -c 'grep SigIgn /proc/$$/status'
        wrapper-path = usr1
        sig-ign = USR1
        reserve-cpu = True

        [rt]
        <= usr1
        wrapper-path = rt
        sig-ign = RTMIN+1
        reserve-cpu = false
        """);
    buildout.install();
    long usr1 = sigIgn(run(directory.resolve("usr1")).output());
    assertTrue((usr1 & (1L << (10 - 1))) != 0, Long.toHexString(usr1));
    long rt = sigIgn(run(directory.resolve("rt")).output());
    assertTrue((rt & (1L << (35 - 1))) != 0, Long.toHexString(rt));
    assertTrue(buildout.read("usr1").contains("trap '' USR1\n"));
    assertTrue(buildout.read("rt").contains("trap '' 35\n"));
    List<String> reserved =
        Files.readAllLines(directory.resolve(".slapos-cpu-exclusive"), StandardCharsets.UTF_8);
    assertEquals(1, reserved.size(), "only the usr1 wrapper reserves a CPU");
    assertTrue(reserved.get(0).matches("[0-9]+"), reserved.toString());
  }

  private static long sigIgn(String statusLine) {
    return Long.parseUnsignedLong(statusLine.replace("SigIgn:", "").strip(), 16);
  }

  @Test
  void mistakesAreNamed() throws IOException {
    String profile =
        """
        [buildout]
        parts = w

        [w]
        recipe = slapos.cookbook:wrapper
        wrapper-path = w
        %s
        """;
    buildout.profile(profile.formatted("command-line = echo 'unclosed"));
    assertTrue(
        buildout.installFails().contains("Invalid value for w:command-line: No closing quotation"));
    buildout.profile(profile.formatted("command-line = true\nenvironment = NOEQUALS"));
    assertTrue(buildout.installFails().contains("Invalid line in w:environment: 'NOEQUALS'"));
    buildout.profile(profile.formatted("command-line = true\nprivate-tmpfs = 1M /dev/shm"));
    assertTrue(buildout.installFails().contains("Unsupported option w:private-tmpfs"));
    buildout.profile(profile.formatted("command-line = true\nredirect-stdout = log"));
    assertTrue(buildout.installFails().contains("Unsupported option w:redirect-stdout"));
    buildout.profile(profile.formatted("command-line = true\nsig-ign = NOSUCH"));
    assertTrue(buildout.installFails().contains("Invalid value for w:sig-ign: 'NOSUCH'"));
    buildout.profile(profile.formatted("").replace("wrapper-path = w", "command-line = true"));
    assertTrue(buildout.installFails().contains("Missing option: w:wrapper-path"));
    buildout.profile(
        profile.formatted("command-line = true").replace("wrapper-path = w", "wrapper-path = x/w"));
    String message = buildout.installFails();
    assertTrue(message.contains("the directory " + directory.resolve("x") + " does not"), message);
  }
}

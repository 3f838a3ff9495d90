package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.RunFailedException;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.Profile;
import io.buildout4j.profile.Profiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cmmi} building a real C program with the system's sh, cc, make and patch. */
class CmmiRecipeTest {
  @TempDir Path directory;
  Path tarball;
  String tarballMd5;
  Map<String, String> environment;

  @BeforeAll
  static void toolsArePresent() {
    for (String tool : List.of("sh", "cc", "make", "patch")) {
      assumeTrue(
          onPath(tool),
          "cmmi tests need " + tool + " on the PATH; it is missing, so they are skipped");
    }
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  @BeforeEach
  void setUp() throws IOException {
    tarball = CmmiHelloSource.writeTarball(directory.resolve("hello-1.0.tar.gz"));
    tarballMd5 = md5(tarball);
    Files.writeString(directory.resolve("hello.patch"), CmmiHelloSource.PATCH);
    environment = new HashMap<>(System.getenv());
    environment.put("HELLO_WHO", "buildout4j");
    environment.put("MAKEFLAGS", "-j3");
  }

  Buildout buildout(String profile) throws IOException {
    Files.writeString(directory.resolve("buildout.cfg"), profile, StandardCharsets.UTF_8);
    return Buildout.builder(directory.resolve("buildout.cfg"))
        .loader(Profiles.loader().userDefaults(false).workingDirectory(directory))
        .recipe(new CmmiRecipe(environment))
        .build();
  }

  String helloProfile(String extra) throws IOException {
    return """
        [buildout]
        parts = hello

        [hello]
        recipe = slapos.recipe.cmmi
        url = %s
        md5sum = %s
        patches = ${buildout:directory}/hello.patch#%s
        configure-options = --with-greeting=Bonjour
        environment =
          CFLAGS=-DTARGET=\\"%%(HELLO_WHO)s\\"
        %s
        """
        .formatted(tarball.toUri(), tarballMd5, md5(directory.resolve("hello.patch")), extra);
  }

  static String md5(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String run(Path program) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(program.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  Path parts(String name) {
    return directory.resolve("parts").resolve(name);
  }

  String log(String part) throws IOException {
    return Files.readString(directory.resolve(".buildout4j/logs/" + part + ".log"));
  }

  @Test
  void buildsPatchedProgramWithConfigureOptionsAndEnvironment() throws Exception {
    buildout(helloProfile("")).install();

    String output = run(parts("hello").resolve("bin/hello"));
    // configure option (Bonjour), environment with %(HELLO_WHO)s expanded, patch applied
    assertEquals("Bonjour, buildout4j! (patched)\n", output);
    // the compile directory is removed after a successful build
    assertFalse(Files.exists(Path.of(parts("hello") + "__compile__")));
    String log = log("hello");
    assertTrue(log.contains("configure: prefix=" + parts("hello") + " greeting=Bonjour"), log);
    assertTrue(log.contains("[ENV] CFLAGS = -DTARGET=\\\"buildout4j\\\""), log);
    assertTrue(log.contains("Applying patches"), log);
    // MAKEFLAGS from the environment reaches make
    assertTrue(log.matches("(?s).*makeflags=\\[[^\\]]*j3.*"), log);

    String installed = Files.readString(directory.resolve(".installed.cfg"));
    assertTrue(installed.contains("location = " + parts("hello")), installed);
    assertTrue(installed.contains("prefix = " + parts("hello")), installed);
    assertTrue(installed.contains("compile-directory = " + parts("hello") + "__compile__"));
  }

  @Test
  void environmentOverridesMakeflagsAndHooksRunWithIt() throws Exception {
    buildout(
            helloProfile(
                """
                  MAKEFLAGS=%(MAKEFLAGS)s -j2 -k
                location = @@LOCATION@@
                pre-configure = test -x configure && echo "pre-configure saw $HELLO_WHO"
                post-install = echo "$HELLO_WHO" > %(location)s/who.txt
                """))
        .install();
    assertEquals("buildout4j\n", Files.readString(parts("hello").resolve("who.txt")));
    String log = log("hello");
    assertTrue(log.contains("pre-configure saw buildout4j"), log);
    assertTrue(log.contains("[ENV] MAKEFLAGS = -j3 -j2 -k"), log);
    assertTrue(log.matches("(?s).*makeflags=\\[k[^\\]]*-j2.*"), log);
  }

  @Test
  void buildsFromArchiveAndPatchServedOverHttpThroughTheDownloadCache() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger requests = new AtomicInteger();
    for (Path file : List.of(tarball, directory.resolve("hello.patch"))) {
      byte[] bytes = Files.readAllBytes(file);
      server.createContext(
          "/dist/" + file.getFileName(),
          exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, bytes.length);
            try (var body = exchange.getResponseBody()) {
              body.write(bytes);
            }
          });
    }
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/dist/";
      String profile =
          helloProfile("")
              .replace(tarball.toUri().toString(), base + "hello-1.0.tar.gz")
              .replace("${buildout:directory}/hello.patch", base + "hello.patch")
              .replace("[buildout]\n", "[buildout]\ndownload-cache = ${:directory}/cache\n");
      buildout(profile).install();
      assertEquals("Bonjour, buildout4j! (patched)\n", run(parts("hello").resolve("bin/hello")));
      assertEquals(2, requests.get());
    } finally {
      server.stop(0);
    }
    // offline, from the cache alone: a changed option forces a rebuild without the server
    buildout(
            Files.readString(directory.resolve("buildout.cfg"))
                .replace("[buildout]\n", "[buildout]\noffline = true\n")
                .replace("--with-greeting=Bonjour", "--with-greeting=Hallo"))
        .install();
    assertEquals("Hallo, buildout4j! (patched)\n", run(parts("hello").resolve("bin/hello")));
  }

  @Test
  void customConfigureCommandGetsThePrefixOnMakeInstall() throws Exception {
    buildout(
            helloProfile("configure-command = ./configure --with-greeting=Salut")
                .replace("configure-options = --with-greeting=Bonjour\n", ""))
        .install();
    // no --prefix given to configure (its default is /usr/local), prefix="..." given to make
    assertTrue(log("hello").contains("configure: prefix=/usr/local greeting=Salut"), log("hello"));
    assertTrue(log("hello").contains("install prefix=\"" + parts("hello") + "\""), log("hello"));
    assertEquals("Salut, buildout4j! (patched)\n", run(parts("hello").resolve("bin/hello")));
  }

  @Test
  void environmentSectionAndEveryHookRunInOrder() throws Exception {
    buildout(
            """
            [buildout]
            parts = hello

            [build-env]
            HELLO_WHO = section and %(HELLO_WHO)s
            STEPS = steps.txt

            [hello]
            recipe = cmmi
            url = hello-1.0.tar.gz
            environment-section = build-env
            environment = STEPS=../steps.txt
            pre-configure = echo pre-configure >> $STEPS
            pre-build = echo "pre-build $HELLO_WHO" >> $STEPS
            pre-install = echo pre-install >> $STEPS
            post-install = echo post-install >> $STEPS && cp $STEPS %(location)s/
            """)
        .install();
    assertEquals(
        "pre-configure\npre-build section and buildout4j\npre-install\npost-install\n",
        Files.readString(parts("hello").resolve("steps.txt")));
    assertEquals("Hello, nobody!\n", run(parts("hello").resolve("bin/hello")));
  }

  @Test
  void failedBuildKeepsCompileDirectoryAndLogAndSaysWhere() throws Exception {
    Buildout failing = buildout(helloProfile("make-targets = no-such-target"));
    RunFailedException e = assertThrows(RunFailedException.class, failing::install);
    Path work = Path.of(parts("hello") + "__compile__", CmmiHelloSource.TOP);
    assertTrue(e.getMessage().contains("The package is left as is at " + work), e.getMessage());
    assertTrue(e.getMessage().contains("no-such-target"), e.getMessage());
    Path logFile = directory.resolve(".buildout4j/logs/hello.log");
    assertTrue(e.getMessage().contains(logFile.toString()), e.getMessage());
    assertTrue(Files.isRegularFile(work.resolve("hello.c")));
    assertTrue(Files.isRegularFile(work.resolve(CmmiRecipe.ENVIRONMENT_SCRIPT)));
    String script = Files.readString(work.resolve(CmmiRecipe.ENVIRONMENT_SCRIPT));
    assertTrue(script.contains("export CFLAGS="), script);
    assertFalse(script.contains("export HELLO_WHO="), "only what the part changes: " + script);
    assertTrue(log("hello").contains("No rule to make target"), log("hello"));
    assertFalse(Files.exists(parts("hello")), "the location is removed");
    assertFalse(
        Files.exists(directory.resolve(".installed.cfg"))
            && Files.readString(directory.resolve(".installed.cfg")).contains("[hello]"));

    // fixed: the leftover compile directory is replaced, then removed after the build
    buildout(helloProfile("")).install();
    assertTrue(log("hello").contains("Removing already existing directory"));
    assertFalse(Files.exists(Path.of(parts("hello") + "__compile__")));
    assertEquals("Bonjour, buildout4j! (patched)\n", run(parts("hello").resolve("bin/hello")));
  }

  @Test
  void buildsLocalSourceDirectoryInPlace() throws Exception {
    Path source = CmmiHelloSource.writeTree(directory.resolve("src/hello"));
    buildout(
            """
            [buildout]
            parts = hello

            [hello]
            recipe = cmmi
            path = src/hello
            configure-options =
              --with-greeting=Hi
              --prefix=@@LOCATION@@
            """)
        .install();
    assertEquals("Hi, nobody!\n", run(parts("hello").resolve("bin/hello")));
    assertTrue(Files.isRegularFile(source.resolve("Makefile")), "built in place");
    assertTrue(Files.isRegularFile(source.resolve("hello.c")), "the source stays");
    assertFalse(Files.exists(Path.of(parts("hello") + "__compile__")));
    String installed = Files.readString(directory.resolve(".installed.cfg"));
    assertTrue(installed.contains("compile-directory = " + source), installed);
    assertTrue(installed.contains("--prefix=" + parts("hello")), installed);
  }

  @Test
  void computedOptionsAreSeenByOtherSectionsWithoutBuilding() throws Exception {
    Profile profile =
        buildout(
                helloProfile(
                    """
                    configure-command = ./configure --with-greeting=@@LOCATION@@

                    [info]
                    location = ${hello:location}
                    prefix = ${hello:prefix}
                    compile = ${hello:compile-directory}
                    configure = ${hello:configure-command}
                    shared = ${hello:shared}
                    """))
            .loadProfile();
    assertEquals(parts("hello").toString(), profile.get("info", "location"));
    assertEquals(parts("hello").toString(), profile.get("info", "prefix"));
    assertEquals(parts("hello") + "__compile__", profile.get("info", "compile"));
    assertEquals("./configure --with-greeting=" + parts("hello"), profile.get("info", "configure"));
    assertEquals("", profile.get("info", "shared"));
    assertFalse(Files.exists(directory.resolve("parts")), "nothing is built");
  }

  @Test
  void keepCompileDirKeepsAndRecordsIt() throws Exception {
    buildout(helloProfile("keep-compile-dir = true")).install();
    Path compile = Path.of(parts("hello") + "__compile__");
    assertTrue(Files.isRegularFile(compile.resolve(CmmiHelloSource.TOP).resolve("hello")));
    assertTrue(Files.readString(directory.resolve(".installed.cfg")).contains(compile.toString()));

    buildout("[buildout]\nparts =\n").install();
    assertFalse(Files.exists(compile), "uninstalling removes the kept compile directory");
    assertFalse(Files.exists(parts("hello")));
  }

  @Test
  void urlAndPathTogetherOrNeitherAreErrorsNamingTheSection() throws Exception {
    BuildoutException both =
        assertThrows(BuildoutException.class, () -> buildout(helloProfile("path = src")).plan());
    assertTrue(both.getMessage().contains("hello: use either url or path"), both.getMessage());

    BuildoutException neither =
        assertThrows(
            BuildoutException.class,
            () -> buildout("[buildout]\nparts = hello\n[hello]\nrecipe = cmmi\n").plan());
    assertTrue(neither.getMessage().contains("Missing option hello:url"), neither.getMessage());
  }

  @Test
  void badChecksumIsRefusedBeforeAnythingIsBuilt() throws Exception {
    Buildout bad = buildout(helloProfile("").replace(tarballMd5, "0".repeat(32)));
    RunFailedException e = assertThrows(RunFailedException.class, bad::install);
    assertTrue(e.getMessage().contains("Checksum mismatch"), e.getMessage());
    assertFalse(Files.exists(Path.of(parts("hello") + "__compile__")));
    assertFalse(Files.exists(parts("hello")));
  }

  @Test
  void pythonHooksAreRefusedWithTheShellAlternatives() throws Exception {
    Buildout hooks = buildout(helloProfile("post-make-hook = hook.py#0123:post_make_hook"));
    RunFailedException e = assertThrows(RunFailedException.class, hooks::install);
    assertTrue(e.getMessage().contains("hello:post-make-hook"), e.getMessage());
    assertTrue(e.getMessage().contains("post-install"), e.getMessage());
  }

  @Test
  void missingEnvironmentVariableInExpansionIsNamed() throws Exception {
    Buildout missing = buildout(helloProfile("  X=%(NO_SUCH_VARIABLE_HERE)s"));
    RunFailedException e = assertThrows(RunFailedException.class, missing::install);
    assertTrue(e.getMessage().contains("hello:environment"), e.getMessage());
    assertTrue(e.getMessage().contains("NO_SUCH_VARIABLE_HERE"), e.getMessage());
  }

  @Test
  void aSharedBuildIsMadeOnceAndUsedByASecondBuildout() throws Exception {
    Path shared = directory.resolve("shared");
    String profile =
        helloProfile("shared = true")
            .replace(
                "${buildout:directory}/hello.patch", directory.resolve("hello.patch").toString())
            .replace("parts = hello", "parts = hello\nshared-part-list = " + shared);
    buildout(profile).install();
    Path location = Path.of(buildout(profile).loadProfile().get("hello", "location"));
    assertTrue(location.startsWith(shared.resolve("hello")), location.toString());
    assertEquals("Bonjour, buildout4j! (patched)\n", run(location.resolve("bin/hello")));
    assertTrue(Files.exists(location.resolve(SharedPart.MARKER)));
    assertFalse(Files.exists(parts("hello")));

    Path second = Files.createDirectories(directory.resolve("second"));
    Files.writeString(second.resolve("buildout.cfg"), profile);
    Buildout other =
        Buildout.builder(second.resolve("buildout.cfg"))
            .loader(Profiles.loader().userDefaults(false).workingDirectory(second))
            .recipe(new CmmiRecipe(environment))
            .build();
    other.install();
    assertEquals(location.toString(), other.loadProfile().get("hello", "location"));
    String log = Files.readString(second.resolve(".buildout4j/logs/hello.log"));
    assertTrue(log.contains("Using the shared part " + location), log);

    other.uninstall(java.util.List.of());
    assertTrue(Files.exists(location.resolve("bin/hello")), "uninstalling leaves the shared part");
  }
}

package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template recipe through the engine: substitution, escapes, modes, checksums, updates. */
class TemplateRecipeTest {
  @TempDir Path directory;
  TemplateTestBuildout buildout;

  @BeforeEach
  void setUp() {
    buildout = new TemplateTestBuildout(directory);
  }

  @Test
  void rendersAUrlTemplateWithBuildoutSubstitutionAndEscapes() throws IOException {
    buildout
        .file(
            "config.in",
            "port = ${server:port}\n"
                + "me = ${:name}, in ${:_buildout_section_name_}\n"
                + "dir = ${buildout:directory}\n"
                + "literal = $${server:port} and $${HOME}\n"
                + "bare = $$ and $ and $$$${x:y}\n"
                + "data = ${data:output}\n")
        .file("data.in", "some data\n")
        .profile(
            """
            [buildout]
            parts = config

            [server]
            port = 8080

            [data]
            recipe = slapos.recipe.template
            url = data.in
            output = ${buildout:directory}/data.txt

            [config]
            recipe = slapos.recipe.template
            url = config.in
            output = ${buildout:directory}/etc/config
            name = Config
            mode = 0640
            """);
    buildout.install();
    assertEquals(
        "port = 8080\n"
            + "me = Config, in config\n"
            + "dir = "
            + directory
            + "\n"
            + "literal = ${server:port} and ${HOME}\n"
            + "bare = $$ and $ and $$${x:y}\n"
            + "data = "
            + directory.resolve("data.txt")
            + "\n",
        buildout.read("etc/config"));
    assertEquals("rw-r-----", buildout.mode("etc/config"));
    assertEquals("some data\n", buildout.read("data.txt"));
    // the part it references is installed first, though only the template text names it
    assertEquals(List.of("install data", "install config"), buildout.events);
    assertTrue(
        buildout.installedCfg().contains("__buildout_installed__ = " + directory.resolve("etc")),
        "the directory it created is owned: " + buildout.installedCfg());
  }

  @Test
  void inlineTemplatesAreTheOptionValueAsTheEngineReadsIt() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = script

        [script]
        recipe = slapos.recipe.template
        output = ${buildout:directory}/run.sh
        mode = 755
        inline =
          #!/bin/sh
          echo ${:_buildout_section_name_} $${NAME}
        """);
    buildout.install();
    assertEquals("#!/bin/sh\necho script ${NAME}", buildout.read("run.sh"));
    assertEquals("rwxr-xr-x", buildout.mode("run.sh"));
  }

  @Test
  void withoutModeTheFileGetsTheDefaultModeLessTheUmask() throws IOException {
    Path probe = Files.createFile(directory.resolve("probe"));
    String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(probe));
    buildout.profile(
        """
        [buildout]
        parts = t

        [t]
        recipe = template
        inline = x
        output = out
        """);
    buildout.install();
    assertEquals(expected, buildout.mode("out"));
  }

  @Test
  void md5sumIsCheckedAndAMismatchWritesNothing() throws IOException {
    String template = "hello ${buildout:directory}\n";
    buildout.file("t.in", template);
    String good = TemplateTestDownloads.md5(template.getBytes(StandardCharsets.UTF_8));
    String profile =
        """
        [buildout]
        parts = t

        [t]
        recipe = slapos.recipe.template
        url = t.in
        md5sum = %s
        output = out
        """;
    buildout.profile(profile.formatted("0123456789abcdef0123456789abcdef"));
    String message = buildout.installFails();
    assertTrue(message.contains("MD5 checksum mismatch for t.in"), message);
    assertTrue(message.contains("t:url"), message);
    assertFalse(buildout.exists("out"));

    buildout.profile(profile.formatted(good));
    buildout.install();
    assertEquals("hello " + directory + "\n", buildout.read("out"));
  }

  @Test
  void aTemplateServedOverHttpComesThroughTheEngineDownloadService() throws IOException {
    byte[] template = "served ${s:v}\n".getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/t.in",
        exchange -> {
          exchange.sendResponseHeaders(200, template.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(template);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/t.in";
      buildout
          .engineDownloads()
          .profile(
              """
              [buildout]
              parts = t
              download-cache = ${buildout:directory}/cache

              [s]
              v = 1

              [t]
              recipe = slapos.recipe.template
              url = %s
              md5sum = %s
              output = out
              """
                  .formatted(url, TemplateTestDownloads.md5(template)));
      buildout.install();
      assertEquals("served 1\n", buildout.read("out"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aMissingReferenceNamesTheOptionAndTheTemplate() throws IOException {
    buildout
        .file("t.in", "a = ${server:nosuch}\n")
        .profile(
            """
            [buildout]
            parts = t

            [server]
            port = 1

            [t]
            recipe = slapos.recipe.template
            url = t.in
            output = out
            """);
    String message = buildout.installFails();
    assertTrue(message.contains("Referenced option does not exist: server nosuch"), message);
    assertTrue(message.contains("t:url (t.in)"), message);
    assertFalse(buildout.exists("out"));
  }

  @Test
  void aMalformedReferenceIsAnError() throws IOException {
    buildout
        .file("t.in", "a = ${nocolon}\n")
        .profile(
            """
            [buildout]
            parts = t

            [t]
            recipe = slapos.recipe.template
            url = t.in
            output = out
            """);
    String message = buildout.installFails();
    assertTrue(message.contains("${nocolon}"), message);
    assertTrue(message.contains("doesn't contain a colon"), message);
  }

  @Test
  void missingOptionsAreNamed() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = t

        [t]
        recipe = slapos.recipe.template
        url = t.in
        """);
    assertTrue(buildout.installFails().contains("Missing option: t:output"));
    buildout.profile(
        """
        [buildout]
        parts = t

        [t]
        recipe = slapos.recipe.template
        output = out
        """);
    assertTrue(buildout.installFails().contains("Missing option: t:url (or t:inline)"));
    buildout.profile(
        """
        [buildout]
        parts = t

        [t]
        recipe = slapos.recipe.template
        inline = x
        output = out
        mode = 0999
        """);
    String message = buildout.installFails();
    assertTrue(message.contains("Invalid value for t:mode: '0999'"), message);
  }

  @Test
  void updateRewritesAnAlteredOutputAndUninstallRemovesIt() throws IOException {
    buildout
        .file("t.in", "v = ${s:v}\n")
        .profile(
            """
            [buildout]
            parts = t

            [s]
            v = 1

            [t]
            recipe = slapos.recipe.template
            url = t.in
            output = out
            """);
    buildout.install();
    Files.writeString(directory.resolve("out"), "altered");
    buildout.install();
    assertEquals(List.of("update t"), buildout.events);
    assertEquals("v = 1\n", buildout.read("out"));

    // a plain section's value is not part of the options: the update renders it anew
    buildout.profile(buildout.read("buildout.cfg").replace("v = 1", "v = 2"));
    buildout.install();
    assertEquals("v = 2\n", buildout.read("out"));

    buildout.profile("[buildout]\nparts =\n");
    buildout.install();
    assertFalse(buildout.exists("out"));
  }

  @Test
  void collectiveRecipeTemplateNamesInputShorthandAndTheInputMode() throws IOException {
    // In a profile value, ${greeting} would be substituted (and refused) when the option is read,
    // as in buildout: the inline text escapes it, and the recipe's own pass expands it.
    buildout.file("run.in", "#!/bin/sh\necho ${greeting} ${other:word}\n");
    Files.setPosixFilePermissions(
        directory.resolve("run.in"), PosixFilePermissions.fromString("rwxr-x---"));
    buildout.profile(
        """
        [buildout]
        parts = run inline

        [other]
        word = world

        [run]
        recipe = collective.recipe.template
        input = run.in
        output = ${buildout:directory}/bin/run
        greeting = hello

        [inline]
        recipe = collective.recipe.template
        input = inline:
          x = $${greeting}
        output = inline.txt
        greeting = hi
        """);
    buildout.install();
    assertEquals("#!/bin/sh\necho hello world\n", buildout.read("bin/run"));
    assertEquals("rwxr-x---", buildout.mode("bin/run"));
    assertEquals("x = hi", buildout.read("inline.txt"));
  }

  @Test
  void collectiveRefusesTwoSources() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = t

        [t]
        recipe = collective.recipe.template
        input = a.in
        inline = x
        output = out
        """);
    String message = buildout.installFails();
    assertTrue(message.contains("give one of input, inline and url"), message);
  }
}

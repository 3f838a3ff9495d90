package io.buildout4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/embedding.md, kept true by running it. */
class EmbeddingExampleTest {
  @TempDir Path dir;

  @Test
  void theEmbeddingGuideExampleWorks() throws Exception {
    Files.writeString(
        dir.resolve("base.cfg"), "[app]\nport = 8080\nurl = http://localhost:${:port}/\n");
    Files.writeString(
        dir.resolve("buildout.cfg"),
        "[buildout]\nextends = base.cfg\nparts = app\n[app]\nrecipe = demo\n");

    // --- docs/embedding.md ---
    Profile profile =
        Profiles.loader()
            .userDefaults(false) // ignore ~/.buildout/default.cfg
            .override("app:port=9090") // as on buildout's command line
            .load(dir.resolve("buildout.cfg"));
    String url = profile.get("app", "url"); // "http://localhost:9090/"
    RawValue port = profile.annotate("app", "port");
    Origin origin = port.origin(); // COMMAND_LINE_VALUE
    // --- end ---

    assertEquals("http://localhost:9090/", url);
    assertEquals(Origin.COMMAND_LINE, origin);
    assertEquals(
        Origin.file(dir.resolve("base.cfg").toString(), 3),
        profile.annotate("app", "url").origin());
    assertEquals("9090", profile.section("app").get("port"));
    assertThrows(MissingOptionException.class, () -> profile.get("app", "nosuch"));
  }
}

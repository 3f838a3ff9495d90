package io.buildout4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part's recorded signature must be the same in every JVM: it lists the parts the part depends on
 * in the order its resolution reached them. (It once came from an unordered {@code Set.copyOf},
 * whose order changes from JVM to JVM: a run in a new process then saw "parts ... changed" and
 * reinstalled every part with two or more dependencies.)
 */
class EngineSignatureOrderTest {
  private static final List<String> REACHED = List.of("h", "c", "f", "a", "g", "b", "e", "d");

  @TempDir Path directory;
  EngineFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new EngineFixture(directory);
    StringBuilder profile =
        new StringBuilder("[buildout]\nparts = x\n\n[x]\nrecipe = test:files\n");
    profile.append("files = one\ncontent =");
    for (String part : REACHED) {
      profile.append(" ${").append(part).append(":label}");
    }
    profile.append('\n');
    for (String part : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
      profile.append("\n[").append(part).append("]\nrecipe = test:files\nlabel = ");
      profile.append(part).append('\n');
    }
    fixture.profile(profile.toString());
  }

  @Test
  void theProfileKeepsTheOrderInWhichASectionReachedOthers() {
    io.buildout4j.profile.Profile profile = fixture.builder().build().loadProfile();
    assertEquals(List.of("h", "c", "f", "a", "g", "b", "e", "d", "x"), profile.partOrder());
    assertEquals(REACHED, List.copyOf(profile.references("x")));
  }

  @Test
  void theSignatureListsDependenciesInTheOrderTheyWereReached() {
    fixture.install();
    String signature =
        fixture.state().part("x").orElseThrow().options().get(InstalledPart.SIGNATURE_OPTION);
    List<String> named = new ArrayList<>();
    for (String token : signature.split(" ")) {
      if (token.matches("[a-h]:[0-9a-f]{32}")) {
        named.add(token.substring(0, 1));
      }
    }
    assertEquals(REACHED, named, signature);
  }
}

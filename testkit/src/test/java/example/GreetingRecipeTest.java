package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.Action;
import io.buildout4j.testkit.PartRecord;
import io.buildout4j.testkit.TestBuildout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreetingRecipeTest {
  @TempDir Path directory;

  @Test
  void writesTheGreetingAndReinstallsWhenItChanges() {
    TestBuildout buildout = TestBuildout.builder(directory).recipe(new GreetingRecipe()).build();
    buildout.profile(
        """
        [buildout]
        parts = hello

        [hello]
        recipe = example.greeting
        greeting = Hello
        """);

    buildout.install();

    assertEquals("Hello\n", buildout.read("parts/hello/greeting.txt"));
    PartRecord hello = buildout.installed().part("hello");
    assertEquals(directory.resolve("parts/hello").toString(), hello.option("location"));
    assertEquals(List.of(directory.resolve("parts/hello")), hello.paths());
    assertTrue(buildout.log("hello").contains("Wrote "));
    assertEquals(Action.UPDATE, buildout.plan("hello").action());

    buildout.profile(buildout.read("buildout.cfg").replace("Hello", "Bonjour"));
    assertEquals(Action.REINSTALL, buildout.plan("hello").action());

    buildout.profile(buildout.read("buildout.cfg").replace("greeting = Bonjour\n", ""));
    String error = buildout.installFails().getMessage();
    assertTrue(error.startsWith("Missing option hello:greeting"), error);
  }
}

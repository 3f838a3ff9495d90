package io.buildout4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.ApiClassLoader;
import io.buildout4j.engine.LoadedRecipe;
import io.buildout4j.engine.RecipeSource;
import io.buildout4j.profile.BuildoutException;
import io.buildout4j.recipe.Recipe;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenRecipeSourceTest {
  @TempDir Path temp;

  private Fixture fixture;
  private Path repository;
  private MavenRecipeSource source;

  @BeforeEach
  void buildArtifacts() throws Exception {
    repository = temp.resolve("repository");
    fixture = new Fixture(Files.createDirectories(temp.resolve("work")), repository).all();
    source = newSource();
  }

  @AfterEach
  void close() {
    source.close();
  }

  /** A source that reads no user settings, so nothing depends on the machine's ~/.m2. */
  private MavenRecipeSource newSource() {
    return new MavenRecipeSource(temp.resolve("no-settings.xml"), Map.of());
  }

  /** Offline, with the test repository as the local repository (relative to the directory). */
  private TestContext offline() {
    return new TestContext(temp, true)
        .option(MavenRecipeSource.LOCAL_REPOSITORY_OPTION, "repository");
  }

  @Test
  void isFoundByServiceLoader() {
    assertTrue(
        ServiceLoader.load(RecipeSource.class).stream()
            .anyMatch(p -> p.type() == MavenRecipeSource.class));
  }

  @Test
  void namesThatAreNotCoordinatesAreNotHandled() {
    TestContext context = offline();
    assertNull(source.find("slapos.recipe.cmmi", context));
    assertNull(source.find("a:b:c:d:e", context));
    assertNull(source.find("a b:c", context));
    assertNull(source.find("group:", context));
    assertNull(source.find("g:a:1.0:en try", context));
    assertTrue(context.logs.isEmpty());
  }

  @Test
  void loadsTheRecipeInAClassLoaderOfItsOwnThatSeesOnlyTheApi() throws Exception {
    LoadedRecipe loaded = source.find("org.example:greeter:1.0", offline());
    assertNotNull(loaded);
    ClassLoader loader = loaded.factory().getClass().getClassLoader();
    assertEquals("org.example.greeter.GreetFactory", loaded.factory().getClass().getName());
    assertTrue(loader instanceof URLClassLoader);
    assertNotEquals(getClass().getClassLoader(), loader);
    assertSame(ApiClassLoader.INSTANCE, loader.getParent());
    assertEquals("recipe:org.example:greeter:1.0", loader.getName());

    // the recipe SPI comes from the parent, the same classes as the engine's
    assertSame(Recipe.class, Class.forName("io.buildout4j.recipe.Recipe", false, loader));
    // nothing of the engine, its libraries or JSpecify
    for (String hidden :
        new String[] {
          "io.buildout4j.profile.Profile",
          "io.buildout4j.engine.RecipeSource",
          "io.buildout4j.maven.MavenRecipeSource",
          "com.google.common.collect.ImmutableList",
          "org.eclipse.aether.RepositorySystem",
          "org.jspecify.annotations.Nullable"
        }) {
      assertThrows(
          ClassNotFoundException.class, () -> Class.forName(hidden, false, loader), hidden);
    }
    assertNull(loader.getResource("META-INF/services/io.buildout4j.engine.RecipeSource"));

    // exactly the recipe jar and its one runtime dependency, the recipe's own jar first
    URLClassLoader urls = (URLClassLoader) loader;
    assertEquals(2, urls.getURLs().length, java.util.Arrays.toString(urls.getURLs()));
    assertTrue(urls.getURLs()[0].getPath().endsWith("greeter-1.0.jar"));
    assertTrue(urls.getURLs()[1].getPath().endsWith("helper-1.0.jar"));

    // the dependency is loaded by the same loader and works
    assertSame(
        loader, Class.forName("org.example.helper.Greeting", false, loader).getClassLoader());
    Object greeting = loaded.factory().getClass().getMethod("greeting").invoke(loaded.factory());
    assertEquals("hello from helper v1", greeting);
  }

  @Test
  void selectsTheEntry() {
    TestContext context = offline();
    assertEquals("GreetFactory", simpleName(source.find("org.example:greeter:1.0", context)));
    assertEquals("GreetFactory", simpleName(source.find("org.example:greeter:1.0:greet", context)));
    assertEquals("ShoutFactory", simpleName(source.find("org.example:greeter:1.0:shout", context)));
    // GROUP:ARTIFACT:ENTRY as a factory name
    assertEquals("ShoutFactory", simpleName(source.find("org.example:greeter:1.0:loud", context)));
    // an entry of a dependency
    assertEquals(
        "HelperFactory", simpleName(source.find("org.example:greeter:1.0:helper-entry", context)));
    // the only factory of an artifact, without an entry
    assertEquals("OnlyFactory", simpleName(source.find("org.example:single:1.0", context)));
  }

  @Test
  void cachesOneClassLoaderPerCoordinates() {
    TestContext context = offline().pin("greeter", "1.0");
    LoadedRecipe first = source.find("org.example:greeter:1.0", context);
    LoadedRecipe shout = source.find("org.example:greeter:1.0:shout", context);
    LoadedRecipe pinned = source.find("org.example:greeter", context);
    assertSame(first.factory(), pinned.factory());
    assertSame(
        first.factory().getClass().getClassLoader(), shout.factory().getClass().getClassLoader());
    assertEquals(first.signature(), shout.signature());

    MavenRecipeSource other = newSource();
    try {
      LoadedRecipe again = other.find("org.example:greeter:1.0", context);
      assertNotSame(
          first.factory().getClass().getClassLoader(), again.factory().getClass().getClassLoader());
    } finally {
      other.close();
    }
  }

  @Test
  void signatureListsEveryJarOfTheClosureAndChangesWithTheJar() throws Exception {
    LoadedRecipe loaded = source.find("org.example:greeter:1.0", offline());
    Path greeterJar = repository.resolve("org/example/greeter/1.0/greeter-1.0.jar");
    assertEquals(
        "org.example:greeter:1.0:"
            + RecipeJars.sha256Prefix(greeterJar)
            + " org.example:helper:1.0:"
            + RecipeJars.sha256Prefix(fixture.helperJar),
        loaded.signature());

    // a new build of the same version: a new run sees a new signature
    fixture.greeter("1.0", "v2");
    MavenRecipeSource next = newSource();
    try {
      LoadedRecipe rebuilt = next.find("org.example:greeter:1.0", offline());
      assertNotEquals(loaded.signature(), rebuilt.signature());
      assertTrue(
          rebuilt
              .signature()
              .contains(" org.example:helper:1.0:" + RecipeJars.sha256Prefix(fixture.helperJar)));
      assertEquals(
          "hello from helper v2",
          rebuilt.factory().getClass().getMethod("greeting").invoke(rebuilt.factory()));
    } finally {
      next.close();
    }
  }

  @Test
  void takesTheVersionPinnedForTheArtifactId() throws Exception {
    fixture.greeter("1.5", "v15");
    TestContext context = offline().pin("greeter", "1.5");
    LoadedRecipe loaded = source.find("org.example:greeter", context);
    assertEquals("hello from helper v15", greeting(loaded));
    assertTrue(loaded.signature().startsWith("org.example:greeter:1.5:"));
    assertEquals("ShoutFactory", simpleName(source.find("org.example:greeter:shout", context)));
  }

  @Test
  void takesTheHighestVersionOfARange() throws Exception {
    fixture.greeter("1.5", "v15");
    fixture.greeter("2.0", "v2");
    RecipeJars.localMetadata(repository, "org.example", "greeter", "1.0", "1.5", "2.0");
    LoadedRecipe loaded = source.find("org.example:greeter:[1.0,2.0)", offline());
    assertEquals("hello from helper v15", greeting(loaded));
    assertEquals(
        "ShoutFactory", simpleName(source.find("org.example:greeter:[1.0,2.0):shout", offline())));

    BuildoutException none =
        assertThrows(
            BuildoutException.class, () -> source.find("org.example:greeter:[3,4)", offline()));
    assertTrue(
        none.getMessage().contains("No version of org.example:greeter matches [3,4)"),
        none.getMessage());
  }

  @Test
  void withoutAVersionTheNameIsLeftToTheEngine() {
    assertNull(source.find("org.example:greeter", offline()));
    assertNull(source.find("org.example:greeter:shout", offline()));
  }

  @Test
  void missingArtifactOfflineNamesTheCoordinatesAndTheLocalRepository() {
    TestContext context =
        offline().option(MavenRecipeSource.REPOSITORIES_OPTION, "corp=https://repo.invalid/maven");
    BuildoutException e =
        assertThrows(BuildoutException.class, () -> source.find("org.example:absent:1.0", context));
    assertEquals("UserError", e.kind());
    String message = e.getMessage();
    assertTrue(
        message.contains(
            "org.example:absent:1.0 is not in the local repository at "
                + repository.toAbsolutePath()),
        message);
    assertTrue(message.contains("offline"), message);
    assertTrue(message.contains("corp (https://repo.invalid/maven)"), message);
    assertTrue(message.startsWith("Cannot load recipe org.example:absent:1.0"), message);
  }

  @Test
  void missingDependencyOfflineSaysSo() {
    BuildoutException e =
        assertThrows(
            BuildoutException.class, () -> source.find("org.example:broken:1.0", offline()));
    assertTrue(
        e.getMessage()
            .contains("a dependency of org.example:broken:1.0 is not in the local repository at "),
        e.getMessage());
    assertTrue(e.getMessage().contains("org.example:gone"), e.getMessage());
  }

  @Test
  void unknownEntryListsTheEntriesThereAre() {
    BuildoutException e =
        assertThrows(
            BuildoutException.class,
            () -> source.find("org.example:greeter:1.0:whisper", offline()));
    assertEquals("UserError", e.kind());
    assertEquals(
        "Recipe org.example:greeter:1.0:whisper: org.example:greeter:1.0 has no recipe entry"
            + " 'whisper'; its entries are: default, greet, helper-entry, org.example:greeter:loud,"
            + " shout",
        e.getMessage());
  }

  @Test
  void severalFactoriesAndNoDefaultIsAnError() {
    BuildoutException e =
        assertThrows(
            BuildoutException.class, () -> source.find("org.example:multi:1.0", offline()));
    assertTrue(e.getMessage().contains("none is named 'default'"), e.getMessage());
    assertTrue(e.getMessage().contains("its entries are: a, b"), e.getMessage());
    assertEquals("AFactory", simpleName(source.find("org.example:multi:1.0:a", offline())));
  }

  @Test
  void aFileRepositoryIsUsableOffline() throws Exception {
    TestContext context =
        new TestContext(temp, true)
            .option(MavenRecipeSource.LOCAL_REPOSITORY_OPTION, "fresh-local")
            .option(MavenRecipeSource.REPOSITORIES_OPTION, "repository");
    LoadedRecipe loaded = source.find("org.example:greeter:1.0", context);
    assertEquals("hello from helper v1", greeting(loaded));
    assertTrue(
        Files.isRegularFile(temp.resolve("fresh-local/org/example/greeter/1.0/greeter-1.0.jar")));
    assertFalse(context.logs.isEmpty());
    assertEquals(List.of(), context.logsFromOtherThreads);
  }

  private static String greeting(LoadedRecipe loaded) throws Exception {
    return (String) loaded.factory().getClass().getMethod("greeting").invoke(loaded.factory());
  }

  private static String simpleName(LoadedRecipe loaded) {
    assertNotNull(loaded);
    return loaded.factory().getClass().getSimpleName();
  }

  private static void assertNotSame(Object a, Object b) {
    org.junit.jupiter.api.Assertions.assertNotSame(a, b);
  }
}

package io.buildout4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.buildout4j.profile.BuildoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenSettingsTest {
  @TempDir Path temp;

  private static final MavenSettings.Repository CENTRAL =
      new MavenSettings.Repository("central", MavenRecipeSource.CENTRAL_URL, true, false);

  private Path settings(String body) throws Exception {
    Path file = temp.resolve("settings.xml");
    Files.writeString(
        file,
        "<?xml version=\"1.0\"?>\n"
            + "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">\n"
            + body
            + "\n</settings>\n");
    return file;
  }

  @Test
  void readsTheLocalRepositoryWithPropertiesSubstituted() throws Exception {
    Path file = settings("<localRepository>${env.BASE}/m2/${user.home}x</localRepository>");
    MavenSettings read = MavenSettings.read(file, Map.of("BASE", "/srv"));
    assertEquals("/srv/m2/" + System.getProperty("user.home") + "x", read.localRepository());
  }

  @Test
  void noFileIsNoSettings() throws Exception {
    assertEquals(MavenSettings.NONE, MavenSettings.read(temp.resolve("absent.xml"), Map.of()));
    assertEquals(List.of(CENTRAL), MavenSettings.NONE.effectiveRepositories(CENTRAL));
  }

  @Test
  void takesTheRepositoriesOfActiveProfilesThenCentralThroughMirrors() throws Exception {
    Path file =
        settings(
            """
            <profiles>
              <profile>
                <id>corp</id>
                <activation><activeByDefault>true</activeByDefault></activation>
                <repositories>
                  <repository><id>corp</id><url>https://corp.example/maven</url>
                    <snapshots><enabled>false</enabled></snapshots></repository>
                </repositories>
              </profile>
              <profile>
                <id>extra</id>
                <repositories>
                  <repository><id>extra</id><url>http://localhost:8081/extra</url></repository>
                </repositories>
              </profile>
              <profile>
                <id>inactive</id>
                <repositories>
                  <repository><id>never</id><url>https://never.example</url></repository>
                </repositories>
              </profile>
            </profiles>
            <activeProfiles><activeProfile>extra</activeProfile></activeProfiles>
            <mirrors>
              <mirror><id>proxy</id><url>https://proxy.example/all</url><mirrorOf>external:*,!corp</mirrorOf></mirror>
            </mirrors>
            """);
    MavenSettings read = MavenSettings.read(file, Map.of());
    assertEquals(
        List.of(
            new MavenSettings.Repository("corp", "https://corp.example/maven", true, false),
            new MavenSettings.Repository("extra", "http://localhost:8081/extra", true, true)),
        read.repositories());
    assertEquals(
        List.of(
            new MavenSettings.Repository("corp", "https://corp.example/maven", true, false),
            new MavenSettings.Repository("extra", "http://localhost:8081/extra", true, true),
            new MavenSettings.Repository("proxy", "https://proxy.example/all", true, true)),
        read.effectiveRepositories(CENTRAL));
  }

  @Test
  void aMirrorOfEverythingIsListedOnce() throws Exception {
    Path file =
        settings(
            """
            <profiles><profile><id>p</id>
              <activation><activeByDefault>true</activeByDefault></activation>
              <repositories><repository><id>other</id><url>https://other.example</url></repository></repositories>
            </profile></profiles>
            <mirrors><mirror><id>all</id><url>https://nexus.example/group</url><mirrorOf>*</mirrorOf></mirror></mirrors>
            """);
    assertEquals(
        List.of(new MavenSettings.Repository("all", "https://nexus.example/group", true, true)),
        MavenSettings.read(file, Map.of()).effectiveRepositories(CENTRAL));
  }

  @Test
  void theSourceTakesTheLocalRepositoryAndRepositoriesFromTheSettings() throws Exception {
    assumeTrue(System.getProperty("maven.repo.local") == null);
    Path file =
        settings(
            "<localRepository>${env.HOME_X}/repo</localRepository>"
                + "<mirrors><mirror><id>m</id><url>https://m.example/</url><mirrorOf>central</mirrorOf></mirror></mirrors>");
    MavenRecipeSource source = new MavenRecipeSource(file, Map.of("HOME_X", temp.toString()));
    TestContext context = new TestContext(temp.resolve("buildout"), false);
    assertEquals(temp.resolve("repo"), source.localRepository(context));
    assertEquals(
        List.of(new MavenSettings.Repository("m", "https://m.example/", true, true)),
        source.remoteRepositories(context));

    // the environment variable comes before the settings, the buildout option before both
    MavenRecipeSource fromEnvironment =
        new MavenRecipeSource(
            file, Map.of("HOME_X", temp.toString(), "MAVEN_REPO_LOCAL", "/env/repo"));
    assertEquals(Path.of("/env/repo"), fromEnvironment.localRepository(context));
    context.option(MavenRecipeSource.LOCAL_REPOSITORY_OPTION, "recipes");
    assertEquals(temp.resolve("buildout/recipes"), fromEnvironment.localRepository(context));
  }

  @Test
  void recipeRepositoriesAreUrlsPathsOrNamedUrls() {
    MavenRecipeSource source = new MavenRecipeSource(temp.resolve("none.xml"), Map.of());
    TestContext context =
        new TestContext(temp, false)
            .option(
                MavenRecipeSource.REPOSITORIES_OPTION,
                "\n  corp=https://corp.example/maven?x=1\n  https://repo.maven.apache.org/maven2\n"
                    + "  http://127.0.0.1:8080/repo/\n  ../shared repo2\n");
    List<MavenSettings.Repository> repositories = source.remoteRepositories(context);
    assertEquals(
        List.of(
            "corp https://corp.example/maven?x=1",
            "central https://repo.maven.apache.org/maven2",
            "recipes-127.0.0.1-8080-repo http://127.0.0.1:8080/repo/",
            "recipes-"
                + idOf(temp.getParent().resolve("shared"))
                + " "
                + temp.getParent().resolve("shared").toUri(),
            "recipes-" + idOf(temp.resolve("repo2")) + " " + temp.resolve("repo2").toUri()),
        repositories.stream().map(r -> r.id() + " " + r.url()).toList());
  }

  private static String idOf(Path path) {
    return path.toUri()
        .toString()
        .replaceFirst("^file:/*", "")
        .replaceAll("[^A-Za-z0-9_.\\-]+", "-")
        .replaceAll("^-+|-+$", "");
  }

  @Test
  void malformedSettingsAreAUserError() throws Exception {
    Path file = temp.resolve("settings.xml");
    Files.writeString(file, "<settings><localRepository>");
    MavenRecipeSource source = new MavenRecipeSource(file, Map.of());
    BuildoutException e =
        assertThrows(
            BuildoutException.class, () -> source.remoteRepositories(new TestContext(temp, false)));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}

package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.engine.Buildout;
import io.buildout4j.engine.RunFailedException;
import io.buildout4j.profile.Profiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitclone} against a local repository made with JGit: master (two commits, the first tagged
 * {@code v1}) and a {@code feature} branch.
 */
class GitCloneRecipeTest {
  private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com");

  @TempDir Path directory;
  Path origin;
  Git originGit;
  RevCommit first;
  RevCommit second;
  RevCommit feature;

  @BeforeEach
  void createOrigin() throws Exception {
    origin = directory.resolve("origin");
    originGit = Git.init().setDirectory(origin.toFile()).setInitialBranch("master").call();
    first = commit("a.txt", "one\n", "first");
    originGit.tag().setName("v1").setMessage("version 1").setTagger(AUTHOR).call();
    originGit.branchCreate().setName("feature").call();
    originGit.checkout().setName("feature").call();
    feature = commit("b.txt", "feature\n", "feature work");
    originGit.checkout().setName("master").call();
    second = commit("a.txt", "two\n", "second");
    Files.createDirectories(origin.resolve("docs"));
    commit("docs/readme.txt", "docs\n", "docs");
    second = commit("a.txt", "two\n", "second (unchanged)");
  }

  @AfterEach
  void close() {
    originGit.close();
  }

  RevCommit commit(String file, String content, String message) throws Exception {
    Path path = origin.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content, StandardCharsets.UTF_8);
    originGit.add().addFilepattern(file).call();
    return originGit
        .commit()
        .setMessage(message)
        .setAuthor(AUTHOR)
        .setCommitter(AUTHOR)
        .setAllowEmpty(true)
        .call();
  }

  Buildout buildout(String options) throws IOException {
    return buildout("", options);
  }

  Buildout buildout(String buildoutOptions, String options) throws IOException {
    String profile =
        """
        [buildout]
        parts = src
        %s
        [src]
        recipe = slapos.recipe.build:gitclone
        repository = %s
        %s
        """
            .formatted(buildoutOptions, origin, options);
    Files.writeString(directory.resolve("buildout.cfg"), profile, StandardCharsets.UTF_8);
    // found on the class path, through the cookbook's services file
    return Buildout.builder(directory.resolve("buildout.cfg"))
        .loader(Profiles.loader().userDefaults(false).workingDirectory(directory))
        .build();
  }

  Path workingCopy() {
    return directory.resolve("parts/src");
  }

  String head() throws Exception {
    try (Git git = Git.open(workingCopy().toFile())) {
      return git.getRepository().resolve("HEAD").name();
    }
  }

  String branch() throws Exception {
    try (Git git = Git.open(workingCopy().toFile())) {
      return git.getRepository().getBranch();
    }
  }

  long commits() throws Exception {
    try (Git git = Git.open(workingCopy().toFile())) {
      return StreamSupport.stream(git.log().call().spliterator(), false).count();
    }
  }

  String log() throws IOException {
    return Files.readString(directory.resolve(".buildout4j/logs/src.log"));
  }

  @Test
  void clonesTheDefaultBranchAndUpdatesToNewCommits() throws Exception {
    buildout("").install();
    assertEquals(second.name(), head());
    assertEquals("master", branch());
    assertEquals("two\n", Files.readString(workingCopy().resolve("a.txt")));
    assertFalse(Files.exists(workingCopy().resolve("b.txt")));
    Files.writeString(workingCopy().resolve("untracked.txt"), "mine");

    RevCommit third = commit("c.txt", "three\n", "third");
    buildout("").install();
    assertEquals(third.name(), head(), "update fetches and resets to the remote branch");
    assertTrue(Files.exists(workingCopy().resolve("c.txt")));
    assertEquals(
        "mine", Files.readString(workingCopy().resolve("untracked.txt")), "updated in place");
  }

  @Test
  void nativeNameWorksToo() throws Exception {
    Files.writeString(
        directory.resolve("buildout.cfg"),
        "[buildout]\nparts = src\n[src]\nrecipe = gitclone\nrepository = " + origin + "\n");
    Buildout.builder(directory.resolve("buildout.cfg"))
        .loader(Profiles.loader().userDefaults(false).workingDirectory(directory))
        .build()
        .install();
    assertEquals(second.name(), head());
  }

  @Test
  void clonesABranch() throws Exception {
    buildout("branch = feature").install();
    assertEquals(feature.name(), head());
    assertEquals("feature", branch());
    assertEquals("one\n", Files.readString(workingCopy().resolve("a.txt")));
    assertEquals("feature\n", Files.readString(workingCopy().resolve("b.txt")));
  }

  @Test
  void revisionByTagOrHashWinsOverBranchAndStaysOnUpdate() throws Exception {
    buildout("revision = v1").install();
    assertEquals(first.name(), head());
    assertEquals("one\n", Files.readString(workingCopy().resolve("a.txt")));

    buildout("branch = feature\nrevision = " + first.abbreviate(7).name()).install();
    assertEquals(first.name(), head());
    assertTrue(log().contains("\"branch\" parameter with value \"feature\" is ignored"), log());

    commit("c.txt", "three\n", "third");
    buildout("branch = feature\nrevision = " + first.abbreviate(7).name()).install();
    assertEquals(first.name(), head(), "a fixed revision does not move on update");
  }

  @Test
  void unknownRevisionIsAnErrorNamingIt() throws Exception {
    RunFailedException e =
        assertThrows(RunFailedException.class, () -> buildout("revision = v9").install());
    assertTrue(e.getMessage().contains("src:revision"), e.getMessage());
    assertTrue(e.getMessage().contains("has no revision v9"), e.getMessage());
    assertFalse(Files.exists(workingCopy()), "nothing is left");
  }

  @Test
  void depthMakesAShallowCloneAndAnOlderRevisionIsStillFound() throws Exception {
    buildout("depth = 1").install();
    assertEquals(second.name(), head());
    assertEquals(1, commits());
    assertTrue(Files.exists(workingCopy().resolve(".git/shallow")));

    buildout("branch = master\ngit-clone-depth = 1\nrevision = " + first.name()).install();
    assertEquals(first.name(), head());
    assertEquals("one\n", Files.readString(workingCopy().resolve("a.txt")));
  }

  @Test
  void developKeepsLocalChangesOnUpdateAndRefusesToDeleteThem() throws Exception {
    buildout("develop = true").install();
    Files.writeString(workingCopy().resolve("a.txt"), "local change\n");
    commit("c.txt", "three\n", "third");

    buildout("develop = true").install();
    assertEquals(second.name(), head(), "develop: update leaves the working copy alone");
    assertEquals("local change\n", Files.readString(workingCopy().resolve("a.txt")));

    Files.writeString(
        directory.resolve("buildout.cfg"), "[buildout]\nparts =\n", StandardCharsets.UTF_8);
    Buildout removal =
        Buildout.builder(directory.resolve("buildout.cfg"))
            .loader(Profiles.loader().userDefaults(false).workingDirectory(directory))
            .build();
    RunFailedException e = assertThrows(RunFailedException.class, removal::install);
    assertTrue(e.getMessage().contains("uncommitted changes"), e.getMessage());
    assertTrue(e.getMessage().contains(workingCopy().toString()), e.getMessage());
    assertEquals("local change\n", Files.readString(workingCopy().resolve("a.txt")));
  }

  @Test
  void offlineRefusesToCloneNamingTheRepository() throws Exception {
    RunFailedException e =
        assertThrows(RunFailedException.class, () -> buildout("offline = true", "").install());
    assertTrue(e.getMessage().contains("Cannot clone " + origin), e.getMessage());
    assertTrue(e.getMessage().contains("offline"), e.getMessage());
    assertFalse(Files.exists(workingCopy()));
  }

  @Test
  void offlineUpdateKeepsTheWorkingCopy() throws Exception {
    buildout("").install();
    commit("c.txt", "three\n", "third");
    buildout("offline = true", "").install();
    assertEquals(second.name(), head());
    assertTrue(log().contains("Offline: not fetching " + origin), log());
  }

  @Test
  void sparseCheckoutKeepsOnlyTheGivenPaths() throws Exception {
    buildout("sparse-checkout = docs/").install();
    assertTrue(Files.exists(workingCopy().resolve("docs/readme.txt")));
    assertFalse(Files.exists(workingCopy().resolve("a.txt")));
    assertEquals("docs/\n", Files.readString(workingCopy().resolve(".git/info/sparse-checkout")));
  }

  @Test
  void computedLocationIsSeenByOtherSections() throws Exception {
    Buildout defaults = buildout("[info]\nsource = ${src:location}/a.txt");
    assertEquals(
        workingCopy().resolve("a.txt").toString(), defaults.loadProfile().get("info", "source"));

    Buildout custom = buildout("location = checkouts/src");
    custom.install();
    assertTrue(Files.isRegularFile(directory.resolve("checkouts/src/a.txt")));
    String installed = Files.readString(directory.resolve(".installed.cfg"));
    assertTrue(installed.contains("location = " + directory.resolve("checkouts/src")), installed);
  }

  @Test
  void submodulesAreClonedUnlessIgnored() throws Exception {
    Path library = directory.resolve("library");
    try (Git lib = Git.init().setDirectory(library.toFile()).setInitialBranch("master").call()) {
      Files.writeString(library.resolve("lib.txt"), "lib\n");
      lib.add().addFilepattern("lib.txt").call();
      lib.commit().setMessage("lib").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }
    originGit.submoduleAdd().setPath("lib").setURI(library.toUri().toString()).call().close();
    originGit.commit().setMessage("add lib").setAuthor(AUTHOR).setCommitter(AUTHOR).call();

    buildout("").install();
    assertEquals("lib\n", Files.readString(workingCopy().resolve("lib/lib.txt")));

    buildout("ignore-cloning-submodules = true").install();
    assertFalse(Files.exists(workingCopy().resolve("lib/lib.txt")));
  }
}

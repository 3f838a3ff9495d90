package io.buildout4j.cookbook;

import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.PartLog;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import io.buildout4j.recipe.RecordedPart;
import io.buildout4j.recipe.Uninstaller;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.HttpSupport;
import org.jspecify.annotations.Nullable;

/**
 * {@code gitclone} ({@code slapos.recipe.build:gitclone}): a Git working copy at {@code location},
 * cloned with JGit (no {@code git} executable needed), kept at the latest commit of its branch or
 * at a fixed revision, as slapos.recipe.build's gitclone does. See {@code
 * docs/cookbook/gitclone.md}.
 */
public final class GitCloneRecipe implements RecipeFactory {
  private static final Set<String> TRUE_WORDS = Set.of("y", "yes", "1", "true");

  /** A URL with a scheme, or scp-like {@code host:path}: anything but a local path. */
  private static final Pattern REMOTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*|^[^/]+:.*");

  @Override
  public Set<String> names() {
    return Set.of("gitclone", "slapos.recipe.build:gitclone");
  }

  @Override
  public Recipe create(Part part) {
    return new Clone(part);
  }

  /**
   * Keeps a working copy that has work in it: with {@code develop} true, a working copy with
   * uncommitted changes or commits on no remote branch is not deleted: the run stops and says so
   * (upstream leaves the directory in place; here the engine would delete it).
   */
  @Override
  public Uninstaller uninstaller() {
    return GitCloneRecipe::uninstall;
  }

  private static void uninstall(RecordedPart recorded) throws IOException {
    String location = recorded.options().get("location");
    if (location == null
        || !isTrue(recorded.options().get("develop"))
        || !Files.isDirectory(Path.of(location).resolve(".git"))) {
      return;
    }
    List<String> work = localWork(Path.of(location));
    if (!work.isEmpty()) {
      throw new RecipeException(
          "The working copy "
              + location
              + " of part "
              + recorded.name()
              + " (develop = true) has "
              + String.join(" and ", work)
              + "; it would be deleted. Commit and push, or move it away, then run again.");
    }
  }

  /** What would be lost by deleting the working copy: uncommitted changes, unpushed commits. */
  private static List<String> localWork(Path location) throws IOException {
    List<String> work = new ArrayList<>();
    try (Git git = Git.open(location.toFile())) {
      Status status = git.status().call();
      if (!status.isClean()) {
        work.add("uncommitted changes");
      }
      Repository repository = git.getRepository();
      try (RevWalk walk = new RevWalk(repository)) {
        for (Ref branch : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
          walk.markStart(walk.parseCommit(branch.getObjectId()));
        }
        for (Ref remote : repository.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
          if (remote.getObjectId() != null) {
            walk.markUninteresting(walk.parseCommit(remote.getObjectId()));
          }
        }
        if (walk.next() != null) {
          work.add("commits not pushed to its remote");
        }
      }
    } catch (GitAPIException e) {
      throw new IOException("Cannot read the status of " + location + ": " + e.getMessage(), e);
    }
    return work;
  }

  private static boolean isTrue(@Nullable String value) {
    return value != null && TRUE_WORDS.contains(value.strip().toLowerCase(Locale.ROOT));
  }

  private static final class Clone implements Recipe {
    private final Part part;
    private final String section;
    private final String repository;
    private final @Nullable String branch;
    private final @Nullable String revision;
    private final @Nullable String ignoredBranch;
    private final Path location;
    private final int depth;
    private final boolean develop;
    private final boolean ignoreSslCertificate;
    private final boolean ignoreSubmodules;
    private final List<String> sparse;

    Clone(Part part) {
      this.part = part;
      Options options = part.options();
      this.section = options.section();
      String value = options.get("repository", "").strip();
      if (value.isEmpty()) {
        throw new RecipeException("Missing option " + section + ":repository");
      }
      this.repository =
          REMOTE.matcher(value).matches()
              ? value
              : part.directories().directory().resolve(value).normalize().toString();
      String givenBranch = blankToNull(options.get("branch"));
      this.revision = blankToNull(options.get("revision"));
      this.branch = revision == null ? givenBranch : null;
      this.ignoredBranch = revision == null ? null : givenBranch;

      String givenLocation = options.get("location", "").strip();
      this.location =
          givenLocation.isEmpty()
              ? part.directories().partLocation(part.name())
              : part.directories().directory().resolve(givenLocation).normalize();
      options.set("location", location.toString());

      this.depth = depth(options);
      this.develop = isTrue(options.get("develop"));
      this.ignoreSslCertificate = isTrue(options.get("ignore-ssl-certificate"));
      this.ignoreSubmodules = isTrue(options.get("ignore-cloning-submodules"));
      this.sparse = options.get("sparse-checkout", "").lines().filter(l -> !l.isBlank()).toList();
    }

    private int depth(Options options) {
      for (String option : List.of("depth", "git-clone-depth")) {
        String text = options.get(option, "").strip();
        if (text.isEmpty()) {
          continue;
        }
        try {
          int value = Integer.parseInt(text);
          if (value > 0) {
            return value;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new RecipeException(
            "Invalid value for "
                + section
                + ":"
                + option
                + ": '"
                + text
                + "' (it must be a positive number of commits)");
      }
      return 0;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public Collection<Path> install() throws Exception {
      PartLog log = part.log();
      part.created(location);
      if (Files.exists(location, LinkOption.NOFOLLOW_LINKS)) {
        log.info("destination directory already exists: " + location);
        if (develop) {
          log.info("develop = true: keeping it as it is");
          return List.of(location);
        }
        log.info("Deleting it.");
        Tree.delete(location);
      }
      if (part.offline()) {
        throw new RecipeException(
            "Cannot clone "
                + repository
                + " into "
                + location
                + " (part "
                + part.name()
                + "): the run is offline");
      }
      if (ignoredBranch != null) {
        log.warning(
            "\"branch\" parameter with value \""
                + ignoredBranch
                + "\" is ignored. Checking out to revision "
                + revision
                + ".");
      }
      log.info("Cloning " + repository + " into " + location);
      CloneCommand clone =
          Git.cloneRepository()
              .setURI(repository)
              .setDirectory(location.toFile())
              .setCloneSubmodules(!ignoreSubmodules);
      if (branch != null) {
        clone.setBranch(branch);
      }
      if (depth > 0) {
        clone.setDepth(depth);
        if (branch != null) {
          clone.setBranchesToClone(List.of(Constants.R_HEADS + branch));
        }
      }
      transport(clone);
      try (Git git = clone.call()) {
        if (ignoreSslCertificate) {
          StoredConfig config = git.getRepository().getConfig();
          config.setBoolean("http", null, "sslVerify", false);
          config.save();
        }
        if (revision != null) {
          resetToRevision(git);
          if (!ignoreSubmodules) {
            updateSubmodules(git);
          }
        }
        applySparseCheckout(git);
        log.info("HEAD is now at " + head(git));
      } catch (GitAPIException e) {
        throw new RecipeException(
            "Cannot clone " + repository + " into " + location + ": " + e.getMessage(), e);
      }
      return List.of(location);
    }

    @Override
    public Collection<Path> update() throws Exception {
      if (!Files.isDirectory(location.resolve(".git"))) {
        return install();
      }
      PartLog log = part.log();
      if (develop) {
        log.info("develop = true: leaving " + location + " as it is");
        return List.of();
      }
      try (Git git = Git.open(location.toFile())) {
        if (revision != null) {
          if (resolveCommit(git.getRepository(), revision) == null) {
            fetch(git);
          }
          resetToRevision(git);
        } else {
          fetch(git);
          String upstream = upstreamOf(git.getRepository());
          if (upstream == null) {
            throw new RecipeException(
                "Cannot update "
                    + location
                    + " (part "
                    + part.name()
                    + "): its branch tracks no remote branch");
          }
          if (!part.offline()) {
            git.reset().setMode(ResetType.HARD).setRef(upstream).call();
          }
        }
        if (!ignoreSubmodules) {
          updateSubmodules(git);
        }
        applySparseCheckout(git);
        log.info("HEAD is now at " + head(git));
      } catch (GitAPIException e) {
        throw new RecipeException(
            "Cannot update " + location + " from " + repository + ": " + e.getMessage(), e);
      }
      return List.of();
    }

    private void fetch(Git git) throws GitAPIException {
      if (part.offline()) {
        part.log().info("Offline: not fetching " + repository);
        return;
      }
      part.log().info("Fetching origin");
      FetchCommand fetch = git.fetch().setRemote("origin").setTagOpt(TagOpt.AUTO_FOLLOW);
      transport(fetch);
      fetch.call();
    }

    /**
     * {@code git reset --hard REVISION}, fetching the whole history first if a shallow clone lacks
     * it.
     */
    private void resetToRevision(Git git) throws GitAPIException, IOException {
      Repository repo = git.getRepository();
      ObjectId commit = resolveCommit(repo, revision);
      if (commit == null && !part.offline()) {
        part.log().info("Revision " + revision + " is not in the clone: fetching all of it");
        FetchCommand fetch =
            git.fetch()
                .setRemote("origin")
                .setTagOpt(TagOpt.FETCH_TAGS)
                .setRefSpecs(
                    new RefSpec("+" + Constants.R_HEADS + "*:" + Constants.R_REMOTES + "origin/*"));
        if (isShallow(repo)) {
          fetch.setUnshallow(true);
        }
        transport(fetch);
        fetch.call();
        commit = resolveCommit(repo, revision);
      }
      if (commit == null) {
        throw new RecipeException(
            section + ":revision: " + repository + " has no revision " + revision);
      }
      git.reset().setMode(ResetType.HARD).setRef(commit.name()).call();
    }

    private static boolean isShallow(Repository repo) {
      return Files.exists(repo.getDirectory().toPath().resolve("shallow"));
    }

    private static @Nullable ObjectId resolveCommit(Repository repo, @Nullable String revision)
        throws IOException {
      if (revision == null) {
        return null;
      }
      try {
        return repo.resolve(revision + "^{commit}");
      } catch (org.eclipse.jgit.errors.RevisionSyntaxException
          | org.eclipse.jgit.errors.AmbiguousObjectException
          | org.eclipse.jgit.errors.IncorrectObjectTypeException
          | org.eclipse.jgit.errors.MissingObjectException e) {
        return null;
      }
    }

    private static @Nullable String upstreamOf(Repository repo) throws IOException {
      String current = repo.getBranch();
      if (current == null) {
        return null;
      }
      return new BranchConfig(repo.getConfig(), current).getRemoteTrackingBranch();
    }

    private void updateSubmodules(Git git) throws GitAPIException {
      if (part.offline()) {
        return;
      }
      var update = git.submoduleUpdate();
      transport(update);
      update.call();
    }

    /**
     * Upstream writes {@code sparse-checkout} to {@code .git/info/sparse-checkout} and lets git
     * populate the work tree from it. JGit has no sparse checkout: the file and {@code
     * core.sparseCheckout} are written the same way (so a real git honours them later), and the
     * files they exclude are removed from the work tree.
     */
    private void applySparseCheckout(Git git) throws IOException {
      if (sparse.isEmpty()) {
        return;
      }
      Repository repo = git.getRepository();
      Path info = repo.getDirectory().toPath().resolve("info");
      Files.createDirectories(info);
      String patterns = String.join("\n", sparse) + "\n";
      Files.writeString(info.resolve("sparse-checkout"), patterns, StandardCharsets.UTF_8);
      StoredConfig config = repo.getConfig();
      config.setBoolean("core", null, "sparseCheckout", true);
      config.save();
      IgnoreNode rules = new IgnoreNode();
      rules.parse(new java.io.ByteArrayInputStream(patterns.getBytes(StandardCharsets.UTF_8)));
      RevCommit head;
      try (RevWalk walk = new RevWalk(repo)) {
        head = walk.parseCommit(repo.resolve(Constants.HEAD));
      }
      try (TreeWalk tree = new TreeWalk(repo)) {
        tree.addTree(head.getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          String path = tree.getPathString();
          if (!included(rules, path)) {
            Files.deleteIfExists(location.resolve(path));
          }
        }
      }
      removeEmptyDirectories(location);
    }

    private static boolean included(IgnoreNode rules, String path) {
      // A pattern matches a file or any directory above it, as in .gitignore.
      String prefix = "";
      Boolean result = null;
      String[] parts = path.split("/");
      for (int i = 0; i < parts.length; i++) {
        prefix = prefix.isEmpty() ? parts[i] : prefix + "/" + parts[i];
        Boolean matched = rules.checkIgnored(prefix, i < parts.length - 1);
        if (matched != null) {
          result = matched;
          if (matched && i < parts.length - 1) {
            return true;
          }
        }
      }
      return Boolean.TRUE.equals(result);
    }

    private void removeEmptyDirectories(Path directory) throws IOException {
      List<Path> children;
      try (Stream<Path> list = Files.list(directory)) {
        children = list.toList();
      }
      for (Path child : children) {
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
            && !child.getFileName().toString().equals(".git")) {
          removeEmptyDirectories(child);
          try (Stream<Path> rest = Files.list(child)) {
            if (rest.findAny().isEmpty()) {
              Files.delete(child);
            }
          }
        }
      }
    }

    private static String head(Git git) throws IOException {
      ObjectId head = git.getRepository().resolve(Constants.HEAD);
      return head == null ? "(no commit)" : head.abbreviate(7).name();
    }

    private void transport(TransportCommand<?, ?> command) {
      if (!ignoreSslCertificate) {
        return;
      }
      TransportConfigCallback callback =
          transport -> {
            if (transport instanceof TransportHttp http) {
              HttpConnectionFactory factory = http.getHttpConnectionFactory();
              http.setHttpConnectionFactory(new InsecureConnections(factory));
            }
          };
      command.setTransportConfigCallback(callback);
    }
  }

  /** Connections that do not verify the server's certificate ({@code ignore-ssl-certificate}). */
  private record InsecureConnections(HttpConnectionFactory delegate)
      implements HttpConnectionFactory {
    @Override
    public HttpConnection create(URL url) throws IOException {
      return insecure(url, delegate.create(url));
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
      return insecure(url, delegate.create(url, proxy));
    }

    private static HttpConnection insecure(URL url, HttpConnection connection) throws IOException {
      if ("https".equalsIgnoreCase(url.getProtocol())) {
        HttpSupport.disableSslVerify(connection);
      }
      return connection;
    }
  }
}

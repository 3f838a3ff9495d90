package io.buildout4j.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.spi.connector.transport.TransporterFactory;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transport.file.FileTransporterFactory;
import org.eclipse.aether.transport.jdk.JdkTransporterFactory;
import org.eclipse.aether.version.Version;
import org.jspecify.annotations.Nullable;

/**
 * Maven Resolver, set up for recipes: one local repository, the given remote repositories, {@code
 * file:} and JDK HTTP transports, offline or not. Each call opens a repository system and a session
 * and closes them before returning, so nothing is left open between calls.
 */
final class ArtifactResolver {
  /** The parent of the recipe's dependency, never resolved. */
  private static final String ROOT = "io.buildout4j:buildout4j-recipe-host:0";

  /**
   * What the class loader's parent provides: never put on a recipe's class path, nor looked for.
   */
  private static final List<Exclusion> PROVIDED =
      List.of(
          new Exclusion("io.buildout4j", "buildout4j-recipes-api", "*", "*"),
          new Exclusion("org.jspecify", "jspecify", "*", "*"));

  /**
   * A jar of a resolved closure.
   *
   * @param groupId its group id
   * @param artifactId its artifact id
   * @param version its version (for a snapshot, the timestamped one)
   * @param path the file in the local repository
   */
  record ResolvedJar(String groupId, String artifactId, String version, Path path) {}

  private final Path localRepository;
  private final List<MavenSettings.Repository> repositories;
  private final boolean offline;
  private final Consumer<String> log;

  /**
   * Messages from the resolver's own threads, handed to {@link #log} on the calling thread when a
   * call ends: the engine's log may take locks the calling thread holds while it waits for those
   * threads.
   */
  private final Queue<String> pending = new ConcurrentLinkedQueue<>();

  ArtifactResolver(
      Path localRepository,
      List<MavenSettings.Repository> repositories,
      boolean offline,
      Consumer<String> log) {
    this.localRepository = localRepository;
    this.repositories = List.copyOf(repositories);
    this.offline = offline;
    this.log = log;
  }

  /**
   * The highest version of {@code groupId:artifactId} in {@code range}, or null if none.
   *
   * @throws VersionRangeResolutionException if the versions cannot be listed
   */
  @Nullable String highestVersion(String groupId, String artifactId, String range)
      throws VersionRangeResolutionException {
    try (RepositorySystem system = newSystem();
        RepositorySystemSession.CloseableSession session = newSession(system)) {
      VersionRangeRequest request =
          new VersionRangeRequest(
              new DefaultArtifact(groupId, artifactId, "jar", range), remotes(), null);
      VersionRangeResult result = system.resolveVersionRange(session, request);
      Version highest = result.getHighestVersion();
      return highest == null ? null : highest.toString();
    } finally {
      flushLog();
    }
  }

  /**
   * Resolves the jar {@code groupId:artifactId:version} and its runtime dependencies, without the
   * recipe SPI and JSpecify: the jar first, then its dependencies in resolution order.
   *
   * @throws DependencyResolutionException if a jar or POM of the closure cannot be resolved
   * @throws org.eclipse.aether.collection.DependencyCollectionException if the dependency graph
   *     cannot be built (missing or broken POM)
   */
  List<ResolvedJar> resolve(String groupId, String artifactId, String version)
      throws DependencyResolutionException,
          org.eclipse.aether.collection.DependencyCollectionException {
    try (RepositorySystem system = newSystem();
        RepositorySystemSession.CloseableSession session = newSession(system)) {
      CollectRequest collect = new CollectRequest();
      // a synthetic root, so that the recipe's optional dependencies are left out, as for any
      // dependency
      collect.setRootArtifact(new DefaultArtifact(ROOT));
      collect.addDependency(
          new Dependency(
              new DefaultArtifact(groupId, artifactId, "jar", version),
              "runtime",
              false,
              PROVIDED));
      collect.setRepositories(remotes());
      List<ArtifactResult> results =
          system
              .resolveDependencies(session, new DependencyRequest(collect, null))
              .getArtifactResults();
      List<ResolvedJar> jars = new ArrayList<>(results.size());
      for (ArtifactResult result : results) {
        Artifact artifact = result.getArtifact();
        if (artifact == null || artifact.getPath() == null) {
          continue;
        }
        ResolvedJar jar =
            new ResolvedJar(
                artifact.getGroupId(),
                artifact.getArtifactId(),
                artifact.getVersion(),
                artifact.getPath());
        boolean isRecipe =
            artifact.getGroupId().equals(groupId) && artifact.getArtifactId().equals(artifactId);
        if (isRecipe) {
          jars.add(0, jar);
        } else {
          jars.add(jar);
        }
      }
      return List.copyOf(jars);
    } finally {
      flushLog();
    }
  }

  private void flushLog() {
    for (String message; (message = pending.poll()) != null; ) {
      log.accept(message);
    }
  }

  private RepositorySystem newSystem() {
    return new RepositorySystemSupplier() {
      @Override
      protected Map<String, TransporterFactory> createTransporterFactories() {
        // file: and the JDK's java.net.http client; not Apache HttpClient
        return Map.of(
            FileTransporterFactory.NAME,
            new FileTransporterFactory(),
            JdkTransporterFactory.NAME,
            new JdkTransporterFactory(getChecksumExtractor(), getPathProcessor()));
      }
    }.get();
  }

  private RepositorySystemSession.CloseableSession newSession(RepositorySystem system) {
    return new SessionBuilderSupplier(system)
        .get()
        // offline, take whatever the local repository has, wherever it came from ("simple");
        // online, let Maven's tracking of where each file came from decide ("enhanced")
        .withLocalRepositories(new LocalRepository(localRepository, offline ? "simple" : ""))
        .setOffline(offline)
        // a file: repository is local: usable offline
        .setConfigProperty("aether.offline.protocols", "file")
        // HTTP/1.1 (the 2.0.14 default, made explicit): JDK 17 before 17.0.17 mishandles HTTP/2
        // GOAWAY frames
        .setConfigProperty("aether.transport.jdk.httpVersion", "HTTP_1_1")
        .setTransferListener(
            new AbstractTransferListener() {
              @Override
              public void transferSucceeded(TransferEvent event) {
                if (event.getRequestType() == TransferEvent.RequestType.GET
                    && !event.getResource().getResourceName().endsWith(".xml")) {
                  pending.add(
                      "Downloaded "
                          + event.getResource().getRepositoryUrl()
                          + event.getResource().getResourceName());
                }
              }
            })
        .build();
  }

  private List<RemoteRepository> remotes() {
    List<RemoteRepository> remotes = new ArrayList<>(repositories.size());
    for (MavenSettings.Repository repository : repositories) {
      remotes.add(
          new RemoteRepository.Builder(repository.id(), "default", repository.url())
              .setReleasePolicy(policy(repository.releases()))
              .setSnapshotPolicy(policy(repository.snapshots()))
              .build());
    }
    return remotes;
  }

  private static RepositoryPolicy policy(boolean enabled) {
    return new RepositoryPolicy(
        enabled, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_WARN);
  }
}

package io.buildout4j.profile;

import io.buildout4j.profile.condition.TargetEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Everything a load needs, fixed by {@link ProfileLoader}; internal. */
record LoadSettings(
    List<Assignment> overrides,
    boolean userDefaults,
    @Nullable Path userDefaultsFile,
    boolean offline,
    boolean slaposExtensions,
    boolean fullHistory,
    boolean recipePlaceholders,
    TargetEnvironment target,
    String executable,
    Path workingDirectory,
    Duration fetchTimeout) {

  /** A copy with the changes {@code change} makes to a builder of this. */
  LoadSettings with(Consumer<Builder> change) {
    Builder builder = new Builder(this);
    change.accept(builder);
    return builder.build();
  }

  /** The mutable form of a {@link LoadSettings}, used only inside {@link #with}. */
  static final class Builder {
    List<Assignment> overrides;
    boolean userDefaults;
    @Nullable Path userDefaultsFile;
    boolean offline;
    boolean slaposExtensions;
    boolean fullHistory;
    boolean recipePlaceholders;
    TargetEnvironment target;
    String executable;
    Path workingDirectory;
    Duration fetchTimeout;

    private Builder(LoadSettings s) {
      overrides = new ArrayList<>(s.overrides);
      userDefaults = s.userDefaults;
      userDefaultsFile = s.userDefaultsFile;
      offline = s.offline;
      slaposExtensions = s.slaposExtensions;
      fullHistory = s.fullHistory;
      recipePlaceholders = s.recipePlaceholders;
      target = s.target;
      executable = s.executable;
      workingDirectory = s.workingDirectory;
      fetchTimeout = s.fetchTimeout;
    }

    private LoadSettings build() {
      return new LoadSettings(
          List.copyOf(overrides),
          userDefaults,
          userDefaultsFile,
          offline,
          slaposExtensions,
          fullHistory,
          recipePlaceholders,
          target,
          executable,
          workingDirectory,
          fetchTimeout);
    }
  }
}

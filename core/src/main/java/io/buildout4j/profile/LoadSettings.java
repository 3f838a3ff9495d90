package io.buildout4j.profile;

import io.buildout4j.profile.condition.TargetEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Everything a load needs, fixed by {@link ProfileLoader}; internal. Each wither returns a copy. */
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

  LoadSettings withOverride(Assignment assignment) {
    List<Assignment> more = new ArrayList<>(overrides);
    more.add(assignment);
    return new LoadSettings(List.copyOf(more), userDefaults, userDefaultsFile, offline, slaposExtensions,
        fullHistory, recipePlaceholders, target, executable, workingDirectory, fetchTimeout);
  }

  LoadSettings withUserDefaults(boolean read, @Nullable Path file) {
    return new LoadSettings(overrides, read, file, offline, slaposExtensions, fullHistory, recipePlaceholders,
        target, executable, workingDirectory, fetchTimeout);
  }

  LoadSettings withOffline(boolean value) {
    return new LoadSettings(overrides, userDefaults, userDefaultsFile, value, slaposExtensions, fullHistory,
        recipePlaceholders, target, executable, workingDirectory, fetchTimeout);
  }

  LoadSettings withSlaposExtensions(boolean value) {
    return new LoadSettings(overrides, userDefaults, userDefaultsFile, offline, value, fullHistory,
        recipePlaceholders, target, executable, workingDirectory, fetchTimeout);
  }

  LoadSettings withFullHistory(boolean value) {
    return new LoadSettings(overrides, userDefaults, userDefaultsFile, offline, slaposExtensions, value,
        recipePlaceholders, target, executable, workingDirectory, fetchTimeout);
  }

  LoadSettings withRecipePlaceholders(boolean value) {
    return new LoadSettings(overrides, userDefaults, userDefaultsFile, offline, slaposExtensions, fullHistory,
        value, target, executable, workingDirectory, fetchTimeout);
  }

  LoadSettings withTarget(TargetEnvironment value) {
    return new LoadSettings(overrides, userDefaults, userDefaultsFile, offline, slaposExtensions, fullHistory,
        recipePlaceholders, value, executable, workingDirectory, fetchTimeout);
  }

  LoadSettings withExecutable(String value) {
    return new LoadSettings(overrides, userDefaults, userDefaultsFile, offline, slaposExtensions, fullHistory,
        recipePlaceholders, target, value, workingDirectory, fetchTimeout);
  }

  LoadSettings withWorkingDirectory(Path value) {
    return new LoadSettings(overrides, userDefaults, userDefaultsFile, offline, slaposExtensions, fullHistory,
        recipePlaceholders, target, executable, value, fetchTimeout);
  }

  LoadSettings withFetchTimeout(Duration value) {
    return new LoadSettings(overrides, userDefaults, userDefaultsFile, offline, slaposExtensions, fullHistory,
        recipePlaceholders, target, executable, workingDirectory, value);
  }
}

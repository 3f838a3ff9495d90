package io.buildout4j.engine;

import io.buildout4j.engine.testing.CallLog;
import io.buildout4j.profile.Profiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A throw-away buildout directory with a profile, run with the test recipes. */
final class EngineFixture {
  final Path directory;
  final List<String> events = new ArrayList<>();

  EngineFixture(Path directory) {
    this.directory = directory;
    CallLog.clear();
  }

  EngineFixture profile(String text) throws IOException {
    Files.writeString(directory.resolve("buildout.cfg"), text, StandardCharsets.UTF_8);
    return this;
  }

  Buildout.Builder builder() {
    return Buildout.builder(directory.resolve("buildout.cfg"))
        .loader(Profiles.loader().userDefaults(false).workingDirectory(directory))
        .listener(
            new BuildListener() {
              @Override
              public synchronized void partStarted(String part, Action action) {
                events.add(action.label() + " " + part);
              }

              @Override
              public synchronized void partFailed(
                  String part, Action action, java.time.Duration d, Throwable cause) {
                events.add("failed " + part);
              }

              @Override
              public synchronized void partSkipped(String part, String failed) {
                events.add("skipped " + part);
              }
            });
  }

  RunReport install() {
    CallLog.clear();
    events.clear();
    return builder().build().install();
  }

  Plan plan() {
    return builder().build().plan();
  }

  String installedCfg() throws IOException {
    return Files.readString(directory.resolve(".installed.cfg"));
  }

  InstalledState state() {
    return InstalledStateFile.read(directory.resolve(".installed.cfg"));
  }

  Path part(String name) {
    return directory.resolve("parts").resolve(name);
  }
}

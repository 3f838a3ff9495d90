package io.buildout4j.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A throw-away directory of profile files, and a loader that ignores the user's defaults. */
final class ProfileFixture {
  final Path dir;

  ProfileFixture(Path dir) {
    this.dir = dir;
  }

  /** Writes {@code text} to {@code name} (directories created) and returns the path. */
  Path write(String name, String text) {
    Path file = dir.resolve(name);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  ProfileLoader loader() {
    return Profiles.loader()
        .userDefaults(false)
        .workingDirectory(dir)
        .executable("/usr/bin/python3");
  }

  Profile load(String name) {
    return loader().load(dir.resolve(name));
  }

  /** Writes {@code buildout.cfg} and loads it. */
  Profile profile(String text) {
    write("buildout.cfg", text);
    return load("buildout.cfg");
  }
}

package io.buildout4j.profile;

/**
 * Entry point to the profile language, for embedders, tests and the command line:
 *
 * <pre>{@code
 * Profile profile = Profiles.loader().override("buildout:parts=app").load(Path.of("buildout.cfg"));
 * String location = profile.get("app", "location");
 * }</pre>
 */
public final class Profiles {
  private Profiles() {}

  /**
   * A loader with buildout's defaults: user defaults read from {@code $BUILDOUT_HOME/default.cfg}
   * or {@code ~/.buildout/default.cfg}, online, SlapOS extensions on, conditions evaluated for
   * CPython 3.11 on this machine.
   */
  public static ProfileLoader loader() {
    return ProfileLoader.defaults();
  }
}

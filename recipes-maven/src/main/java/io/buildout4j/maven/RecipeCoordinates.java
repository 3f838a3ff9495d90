package io.buildout4j.maven;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A recipe name read as Maven coordinates: {@code GROUP:ARTIFACT[:VERSION][:ENTRY]}.
 *
 * <p>With three parts, the third is the version if it starts with a digit, {@code [} or {@code (}
 * (a version range), and the entry otherwise. With four parts it is {@code
 * GROUP:ARTIFACT:VERSION:ENTRY}.
 *
 * @param groupId the group id
 * @param artifactId the artifact id, also the key of the version pinned in {@code [versions]}
 * @param version the version or version range, or null to take the pinned one
 * @param entry the recipe entry inside the artifact, or null for its default recipe
 */
record RecipeCoordinates(
    String groupId, String artifactId, @Nullable String version, @Nullable String entry) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.\\-+]+");
  private static final Pattern RANGE = Pattern.compile("[\\[(][A-Za-z0-9_.\\-+,\\[\\]()]*[\\])]");

  /**
   * The coordinates a recipe name stands for, or null if the name is not made of 2 to 4
   * colon-separated, well-formed parts.
   */
  static @Nullable RecipeCoordinates parse(String recipe) {
    String[] parts = recipe.trim().split(":", -1);
    if (parts.length < 2 || parts.length > 4) {
      return null;
    }
    String group = parts[0];
    String artifact = parts[1];
    if (!isId(group) || !isId(artifact)) {
      return null;
    }
    String version = null;
    String entry = null;
    if (parts.length == 3) {
      String third = parts[2];
      if (third.isEmpty()) {
        return null;
      }
      char first = third.charAt(0);
      if (Character.isDigit(first) || first == '[' || first == '(') {
        version = third;
      } else {
        entry = third;
      }
    } else if (parts.length == 4) {
      version = parts[2];
      entry = parts[3];
    }
    if (version != null && !isVersion(version)) {
      return null;
    }
    if (entry != null && !isId(entry)) {
      return null;
    }
    return new RecipeCoordinates(group, artifact, version, entry);
  }

  private static boolean isId(String part) {
    return ID.matcher(part).matches();
  }

  /** Whether {@code version} is a well-formed Maven version or version range. */
  static boolean isVersion(String version) {
    return VERSION.matcher(version).matches() || RANGE.matcher(version).matches();
  }

  /** Whether {@code version} is a range such as {@code [1.0,2.0)}. */
  static boolean isRange(String version) {
    return version.startsWith("[") || version.startsWith("(");
  }

  /** {@code GROUP:ARTIFACT}. */
  String key() {
    return groupId + ":" + artifactId;
  }

  /** These coordinates with the version replaced. */
  RecipeCoordinates withVersion(String newVersion) {
    return new RecipeCoordinates(groupId, artifactId, newVersion, entry);
  }

  /** {@code GROUP:ARTIFACT:VERSION}, or {@code GROUP:ARTIFACT} without a version. */
  String gav() {
    return version == null ? key() : key() + ":" + version;
  }
}

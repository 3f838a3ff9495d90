package io.buildout4j.cookbook;

import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.RecipeException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * File modes written in octal, as buildout recipes take them ({@code mode = 0644}): Python's {@code
 * int(value, 8)}, so {@code 644}, {@code 0644} and {@code 0o644} are the same mode.
 */
final class OctalMode {
  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ,
  };

  private OctalMode() {}

  /**
   * The mode in {@code options} under {@code option}, or null when it is absent or empty.
   *
   * @throws RecipeException naming {@code section:option} if it is not an octal number from 0 to
   *     0777 (set-user-ID, set-group-ID and sticky bits are not supported)
   */
  static @Nullable Integer read(Options options, String option) {
    String value = options.get(option);
    if (value == null || value.isBlank()) {
      return null;
    }
    String digits = value.strip().replace("_", "");
    if (digits.startsWith("0o") || digits.startsWith("0O")) {
      digits = digits.substring(2);
    }
    if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '7')) {
      try {
        int mode = Integer.parseInt(digits, 8);
        if (mode <= 0777) {
          return mode;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new RecipeException(
        "Invalid value for "
            + options.section()
            + ":"
            + option
            + ": '"
            + value
            + "' (an octal file mode such as 0644, at most 0777)");
  }

  /** The permissions of {@code mode} (its nine low bits). */
  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        permissions.add(BITS[bit]);
      }
    }
    return permissions;
  }

  /** {@code mode} as buildout writes it: {@code 0644}. */
  static String format(int mode) {
    return String.format("0%03o", mode);
  }
}

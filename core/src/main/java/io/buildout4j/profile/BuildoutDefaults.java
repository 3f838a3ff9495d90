package io.buildout4j.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@code [buildout]} options other sections may reference, with buildout's default
 * values, and buildout's strict booleans. Python-packaging options ({@code find-links}, {@code
 * allow-hosts}, ...) are not defaulted; {@code executable} is, since SlapOS components pass {@code
 * ${buildout:executable}} to builds.
 */
final class BuildoutDefaults {
  private BuildoutDefaults() {}

  /** The defaults, {@code executable} being the Python interpreter builds should use. */
  static Map<String, String> values(String executable) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("bin-directory", "bin");
    values.put("develop-eggs-directory", "develop-eggs");
    values.put("eggs-directory", "eggs");
    values.put("executable", executable);
    values.put("install-from-cache", "false");
    values.put("installed", ".installed.cfg");
    values.put("log-format", "");
    values.put("log-level", "INFO");
    values.put("newest", "true");
    values.put("offline", "false");
    values.put("parts-directory", "parts");
    values.put("socket-timeout", "");
    return values;
  }

  /** Buildout's booleans: exactly {@code true} or {@code false}, anything else an error. */
  static boolean bool(String option, String value) {
    return bool(option, value, null);
  }

  /** Like {@link #bool(String, String)}, naming where the value was set in the error. */
  static boolean bool(String option, String value, @Nullable Origin where) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new BuildoutException(
              "UserError",
              "Invalid value for "
                  + PythonStrings.repr(option)
                  + " option: "
                  + PythonStrings.repr(value)
                  + (where == null ? "" : " (" + where + ")"));
    };
  }
}

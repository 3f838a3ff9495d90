package io.buildout4j.profile.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One PEP 440 version specifier such as {@code >=3.9}, {@code ==3.11.*} or {@code ~=3.8}, with the
 * validity rules and matching of {@code packaging.specifiers.Specifier} (pre-releases always
 * allowed, as marker evaluation does). Used by {@link MarkerEvaluator}.
 *
 * @param operator one of {@code ~= == != <= >= < > ===}
 * @param version the version text after the operator, stripped
 */
record VersionSpecifier(String operator, String version) {

  private static final String PRE = "(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?";
  private static final String POST = "(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?";
  private static final String DEV = "(?:[-_.]?dev[-_.]?[0-9]*)?";
  private static final String LOCAL = "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?";
  private static final String RELEASE = "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*";

  private static final Pattern SPECIFIER =
      Pattern.compile(
          "\\s*(?<operator>~=|==|!=|<=|>=|<|>|===)(?<version>"
              + "(?:(?<====)\\s*[^\\s;)]*)"
              + "|(?:(?<===|!=)\\s*"
              + RELEASE
              + "(?:\\.\\*|"
              + PRE
              + POST
              + DEV
              + LOCAL
              + ")?)"
              + "|(?:(?<=~=)\\s*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+"
              + PRE
              + POST
              + DEV
              + ")"
              + "|(?:(?<!==|!=|~=)\\s*"
              + RELEASE
              + PRE
              + POST
              + DEV
              + "))\\s*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern PREFIX_SPLIT = Pattern.compile("([0-9]+)((?:a|b|c|rc)[0-9]+)");

  /**
   * Parses {@code text} (operator and version), or returns null if it is not a specifier or is
   * longer than {@link Pep440Version#MAX_LENGTH}.
   */
  static @Nullable VersionSpecifier parse(String text) {
    if (text.length() > Pep440Version.MAX_LENGTH) {
      return null; // see Pep440Version.MAX_LENGTH
    }
    Matcher m = SPECIFIER.matcher(text);
    if (!m.matches()) {
      return null;
    }
    return new VersionSpecifier(m.group("operator").strip(), m.group("version").strip());
  }

  /** Whether the {@code ===} operator's arbitrary string equality applies. */
  boolean isArbitraryEquality() {
    return operator.equals("===");
  }

  /** {@code Specifier.contains(candidate, prereleases=True)}. */
  boolean contains(Pep440Version candidate) {
    return switch (operator) {
      case "==" -> equal(candidate, version);
      case "!=" -> !equal(candidate, version);
      case "<=" -> candidate.publicVersion().compareTo(spec()) <= 0;
      case ">=" -> candidate.publicVersion().compareTo(spec()) >= 0;
      case "<" -> lessThan(candidate, spec());
      case ">" -> greaterThan(candidate, spec());
      case "~=" -> compatible(candidate);
      case "===" -> candidate.toString().toLowerCase(Locale.ROOT).equals(lowerVersion());
      default -> throw new IllegalStateException(operator);
    };
  }

  private String lowerVersion() {
    return version.toLowerCase(Locale.ROOT);
  }

  private Pep440Version spec() {
    return versionOf(version);
  }

  private static Pep440Version versionOf(String text) {
    Pep440Version v = Pep440Version.parse(text);
    if (v == null) {
      throw new IllegalStateException("specifier version does not parse: " + text);
    }
    return v;
  }

  private static boolean equal(Pep440Version candidate, String spec) {
    if (spec.endsWith(".*")) {
      List<String> splitSpec = split(versionOf(spec.substring(0, spec.length() - 2)).toString());
      List<String> splitCandidate = split(candidate.publicVersion().toString());
      List<String> padded = padRelease(splitCandidate, splitSpec);
      return padded.size() >= splitSpec.size()
          && padded.subList(0, splitSpec.size()).equals(splitSpec);
    }
    Pep440Version specVersion = versionOf(spec);
    Pep440Version prospective =
        specVersion.local().isEmpty() ? candidate.publicVersion() : candidate;
    return prospective.compareTo(specVersion) == 0;
  }

  private static boolean lessThan(Pep440Version candidate, Pep440Version spec) {
    if (candidate.compareTo(spec) >= 0) {
      return false;
    }
    return spec.isPrerelease()
        || !candidate.isPrerelease()
        || candidate.baseVersion().compareTo(spec.baseVersion()) != 0;
  }

  private static boolean greaterThan(Pep440Version candidate, Pep440Version spec) {
    if (candidate.compareTo(spec) <= 0) {
      return false;
    }
    boolean sameBase = candidate.baseVersion().compareTo(spec.baseVersion()) == 0;
    if (!spec.isPostrelease() && candidate.isPostrelease() && sameBase) {
      return false;
    }
    return candidate.local().isEmpty() || !sameBase;
  }

  private boolean compatible(Pep440Version candidate) {
    List<String> parts = new ArrayList<>();
    for (String segment : split(spec().toString())) {
      if (segment.startsWith("dev")
          || segment.startsWith("a")
          || segment.startsWith("b")
          || segment.startsWith("rc")
          || segment.startsWith("post")) {
        break;
      }
      parts.add(segment);
    }
    parts.remove(parts.size() - 1);
    String prefix = parts.get(0) + "!" + String.join(".", parts.subList(1, parts.size())) + ".*";
    return candidate.publicVersion().compareTo(spec()) >= 0 && equal(candidate, prefix);
  }

  /** packaging's {@code _version_split}: epoch, then release parts, pre-release split off. */
  private static List<String> split(String version) {
    List<String> result = new ArrayList<>();
    int bang = version.lastIndexOf('!');
    result.add(bang < 0 || bang == 0 ? "0" : version.substring(0, bang));
    for (String item : version.substring(bang + 1).split("\\.", -1)) {
      Matcher m = PREFIX_SPLIT.matcher(item);
      if (m.matches()) {
        result.add(m.group(1));
        result.add(m.group(2));
      } else {
        result.add(item);
      }
    }
    return result;
  }

  /** packaging's {@code _pad_version}, returning only the padded left side. */
  private static List<String> padRelease(List<String> left, List<String> right) {
    int leftRelease = leadingDigits(left);
    int rightRelease = leadingDigits(right);
    List<String> padded = new ArrayList<>(left.subList(0, leftRelease));
    for (int i = leftRelease; i < rightRelease; i++) {
      padded.add("0");
    }
    padded.addAll(left.subList(leftRelease, left.size()));
    return padded;
  }

  private static int leadingDigits(List<String> parts) {
    int n = 0;
    while (n < parts.size()
        && !parts.get(n).isEmpty()
        && parts.get(n).chars().allMatch(Character::isDigit)) {
      n++;
    }
    return n;
  }
}

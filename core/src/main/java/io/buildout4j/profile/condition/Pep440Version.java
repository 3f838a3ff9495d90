package io.buildout4j.profile.condition;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A PEP 440 version, parsed and ordered as {@code packaging.version.Version} does. Used by {@link
 * VersionSpecifier} when a PEP 508 marker compares versions.
 *
 * @param epoch the epoch, 0 when absent
 * @param release the release segment, e.g. {@code [3, 11, 2]}
 * @param preLabel {@code a}, {@code b} or {@code rc}, or null
 * @param preNumber the pre-release number (meaningful only with a label)
 * @param post the post-release number, or null
 * @param dev the development-release number, or null
 * @param local the local version label parts (lower case), empty when absent
 */
record Pep440Version(
    BigInteger epoch,
    List<BigInteger> release,
    @Nullable String preLabel,
    BigInteger preNumber,
    @Nullable BigInteger post,
    @Nullable BigInteger dev,
    List<String> local)
    implements Comparable<Pep440Version> {

  private static final Pattern VERSION =
      Pattern.compile(
          "\\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
              + "(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?"
              + "(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?)"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*",
          Pattern.CASE_INSENSITIVE);

  Pep440Version {
    release = List.copyOf(release);
    local = List.copyOf(local);
  }

  /**
   * Longest text considered as a version. {@code java.util.regex} recurses once per repeated
   * segment, so an unbounded input could overflow the stack; no real version comes close.
   */
  static final int MAX_LENGTH = 256;

  /**
   * Parses {@code text}, or returns null if it is not a valid PEP 440 version (or is longer than
   * {@link #MAX_LENGTH}).
   */
  static @Nullable Pep440Version parse(String text) {
    if (text.length() > MAX_LENGTH) {
      return null;
    }
    Matcher m = VERSION.matcher(text);
    if (!m.matches()) {
      return null;
    }
    List<BigInteger> release = new ArrayList<>();
    for (String part : m.group("release").split("\\.")) {
      release.add(new BigInteger(part));
    }
    String preLabel = null;
    BigInteger preNumber = BigInteger.ZERO;
    if (m.group("pre") != null) {
      preLabel =
          switch (m.group("preL").toLowerCase(Locale.ROOT)) {
            case "alpha", "a" -> "a";
            case "beta", "b" -> "b";
            default -> "rc";
          };
      preNumber = number(m.group("preN"));
    }
    BigInteger post = null;
    if (m.group("post") != null) {
      post = number(m.group("postN1") != null ? m.group("postN1") : m.group("postN2"));
    }
    BigInteger dev = m.group("dev") != null ? number(m.group("devN")) : null;
    List<String> local = new ArrayList<>();
    if (m.group("local") != null) {
      for (String part : m.group("local").toLowerCase(Locale.ROOT).split("[-_.]")) {
        local.add(part);
      }
    }
    return new Pep440Version(
        number(m.group("epoch")), release, preLabel, preNumber, post, dev, local);
  }

  private static BigInteger number(@Nullable String digits) {
    return digits == null ? BigInteger.ZERO : new BigInteger(digits);
  }

  boolean isPrerelease() {
    return preLabel != null || dev != null;
  }

  boolean isPostrelease() {
    return post != null;
  }

  /** The version without its local label. */
  Pep440Version publicVersion() {
    return new Pep440Version(epoch, release, preLabel, preNumber, post, dev, List.of());
  }

  /** Epoch and release only. */
  Pep440Version baseVersion() {
    return new Pep440Version(epoch, release, null, BigInteger.ZERO, null, null, List.of());
  }

  /** The normalized form, as {@code str(Version)}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (epoch.signum() != 0) {
      s.append(epoch).append('!');
    }
    for (int i = 0; i < release.size(); i++) {
      s.append(i == 0 ? "" : ".").append(release.get(i));
    }
    if (preLabel != null) {
      s.append(preLabel).append(preNumber);
    }
    if (post != null) {
      s.append(".post").append(post);
    }
    if (dev != null) {
      s.append(".dev").append(dev);
    }
    if (!local.isEmpty()) {
      s.append('+').append(String.join(".", local));
    }
    return s.toString();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Pep440Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return epoch.hashCode();
  }

  /** PEP 440 ordering, following packaging's {@code _cmpkey}. */
  @Override
  public int compareTo(Pep440Version o) {
    int c = epoch.compareTo(o.epoch);
    if (c != 0) {
      return c;
    }
    c = compareRelease(release, o.release);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c == 0 && preLabel != null) {
      c = preLabel.compareTo(o.preLabel);
      if (c == 0) {
        c = preNumber.compareTo(o.preNumber);
      }
    }
    if (c != 0) {
      return c;
    }
    c = compareNullable(post, o.post, -1);
    if (c != 0) {
      return c;
    }
    c = compareNullable(dev, o.dev, 1);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  /** -1: a dev-only release sorts before pre-releases; 0: has a pre label; 1: none. */
  private int preRank() {
    if (preLabel != null) {
      return 0;
    }
    return post == null && dev != null ? -1 : 1;
  }

  private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
    int n = Math.max(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
      BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Compares optional numbers; {@code absent} is the sign an absent value compares with. */
  private static int compareNullable(@Nullable BigInteger a, @Nullable BigInteger b, int absent) {
    if (a == null && b == null) {
      return 0;
    }
    if (a == null) {
      return absent;
    }
    if (b == null) {
      return -absent;
    }
    return a.compareTo(b);
  }

  private static int compareLocal(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(!a.isEmpty(), !b.isEmpty());
    }
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xNumeric = x.chars().allMatch(Character::isDigit);
      boolean yNumeric = y.chars().allMatch(Character::isDigit);
      int c;
      if (xNumeric && yNumeric) {
        c = new BigInteger(x).compareTo(new BigInteger(y));
      } else if (xNumeric != yNumeric) {
        c = xNumeric ? 1 : -1;
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}

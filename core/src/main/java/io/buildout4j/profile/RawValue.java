package io.buildout4j.profile;

import java.util.HashSet;
import java.util.Set;

/**
 * An option's value as the layers assembled it, before substitution and macros, with the history of
 * how it came to be. Immutable; the operations return new values.
 */
public record RawValue(String value, History history) {

  /** A value set once by {@code origin}. */
  public static RawValue set(String value, Origin origin) {
    return new RawValue(value, History.of(new Step(Operation.SET, value, origin)));
  }

  /** The source of the most recent step. */
  public Origin origin() {
    return history.last().origin();
  }

  /** Buildout's {@code overrideValue}: {@code upper} replaces this value. */
  RawValue overriddenBy(RawValue upper, boolean fullHistory) {
    Step upperLast = upper.history.last();
    if (upperLast.operation().isIncrement()) {
      return upper;
    }
    return new RawValue(
        upper.value,
        history.then(new Step(Operation.OVERRIDE, upper.value, upperLast.origin()), fullHistory));
  }

  /** {@code +=}: the lines of {@code added} appended. */
  RawValue plus(String added, Origin origin, boolean fullHistory) {
    return new RawValue(
        value + "\n" + added, history.then(new Step(Operation.ADD, added, origin), fullHistory));
  }

  /** {@code -=}: every line equal to one of the lines of {@code removed} taken out. */
  RawValue minus(String removed, Origin origin, boolean fullHistory) {
    Set<String> gone = new HashSet<>(PythonStrings.splitLines(removed));
    StringBuilder kept = new StringBuilder(value.length());
    boolean first = true;
    for (String line : PythonStrings.splitLines(value)) {
      if (!gone.contains(line)) {
        if (!first) {
          kept.append('\n');
        }
        kept.append(line);
        first = false;
      }
    }
    return new RawValue(
        kept.toString(), history.then(new Step(Operation.REMOVE, removed, origin), fullHistory));
  }

  /** Buildout made this relative directory absolute. */
  RawValue asDirectory(String absolute, boolean fullHistory) {
    return new RawValue(
        absolute, history.then(new Step(Operation.DIRECTORY, absolute, origin()), fullHistory));
  }

  /** The value as a {@code <=} macro copies it from {@code source} into another section. */
  RawValue throughMacro(String source, Origin macroLine, boolean fullHistory) {
    return new RawValue(
        value, history.then(new Step(Operation.MACRO, source, macroLine), fullHistory));
  }
}

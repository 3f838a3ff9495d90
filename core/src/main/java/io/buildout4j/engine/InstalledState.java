package io.buildout4j.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The installed database of a buildout directory: what buildout records in {@code .installed.cfg}.
 *
 * <p>The engine reads it once per run with {@link InstalledStateFile#read}, derives a new state
 * with the {@code with...} copies after every change (a part started, installed, updated or
 * uninstalled), and writes each new state with {@link InstalledStateFile#write}. Immutable.
 *
 * <p>A part name appears at most once across {@link #parts()} and {@link #pending()}: {@link #with}
 * and {@link #withPending} move a part from one list to the other.
 *
 * @param developEggs buildout's {@code installed_develop_eggs}: kept for the file's sake (the JVM
 *     has no develop eggs); usually empty
 * @param parts the installed parts in recorded order (the order uninstall reverses); unmodifiable
 * @param pending parts whose install or uninstall was started but did not finish: a write-ahead
 *     record so that a run that crashed can be recovered by removing their paths; unmodifiable
 */
public record InstalledState(
    String developEggs, List<InstalledPart> parts, List<InstalledPart> pending) {

  private static final InstalledState EMPTY = new InstalledState("", List.of(), List.of());

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a part name appears twice
   */
  public InstalledState {
    Objects.requireNonNull(developEggs, "developEggs");
    parts = List.copyOf(parts);
    pending = List.copyOf(pending);
    Set<String> names = new HashSet<>();
    for (InstalledPart part : parts) {
      if (!names.add(part.name())) {
        throw new IllegalArgumentException("Part " + part.name() + " is recorded twice");
      }
    }
    for (InstalledPart part : pending) {
      if (!names.add(part.name())) {
        throw new IllegalArgumentException("Part " + part.name() + " is recorded twice");
      }
    }
  }

  /** The state of a directory where nothing was installed. */
  public static InstalledState empty() {
    return EMPTY;
  }

  /**
   * True if there is nothing to record: no parts, no pending parts, no develop eggs. Buildout
   * deletes the file then, and so does {@link InstalledStateFile#write}.
   */
  public boolean isEmpty() {
    return parts.isEmpty() && pending.isEmpty() && developEggs.isEmpty();
  }

  /** The installed part named {@code name}, if any (pending parts are not looked at). */
  public Optional<InstalledPart> part(String name) {
    return find(parts, name);
  }

  /** The pending part named {@code name}, if any. */
  public Optional<InstalledPart> pendingPart(String name) {
    return find(pending, name);
  }

  /** The names of the installed parts, in recorded order. */
  public List<String> partNames() {
    return parts.stream().map(InstalledPart::name).toList();
  }

  /**
   * A copy with {@code part} installed: appended at the end of {@link #parts()}, and removed from
   * wherever it was before (an older record in the parts, or the pending list). Buildout moves each
   * part it processes to the end.
   */
  public InstalledState with(InstalledPart part) {
    List<InstalledPart> newParts = remove(parts, part.name());
    newParts.add(part);
    return new InstalledState(developEggs, newParts, remove(pending, part.name()));
  }

  /** A copy without the installed part {@code name} (pending parts are kept). */
  public InstalledState without(String name) {
    return new InstalledState(developEggs, remove(parts, name), pending);
  }

  /**
   * A copy with {@code part} pending: appended at the end of {@link #pending()}, and removed from
   * wherever it was before (the parts, or an older pending record).
   */
  public InstalledState withPending(InstalledPart part) {
    List<InstalledPart> newPending = remove(pending, part.name());
    newPending.add(part);
    return new InstalledState(developEggs, remove(parts, part.name()), newPending);
  }

  /** A copy without the pending part {@code name} (installed parts are kept). */
  public InstalledState withoutPending(String name) {
    return new InstalledState(developEggs, parts, remove(pending, name));
  }

  /** A copy recording {@code developEggs} as {@code installed_develop_eggs}. */
  public InstalledState withDevelopEggs(String developEggs) {
    return new InstalledState(developEggs, parts, pending);
  }

  private static Optional<InstalledPart> find(List<InstalledPart> list, String name) {
    for (InstalledPart part : list) {
      if (part.name().equals(name)) {
        return Optional.of(part);
      }
    }
    return Optional.empty();
  }

  private static List<InstalledPart> remove(List<InstalledPart> list, String name) {
    List<InstalledPart> copy = new ArrayList<>(list.size() + 1);
    for (InstalledPart part : list) {
      if (!part.name().equals(name)) {
        copy.add(part);
      }
    }
    return copy;
  }
}

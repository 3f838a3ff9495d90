package io.buildout4j.profile;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a run of layers does to one option of a section that already exists, with effective
 * histories (see {@link History}): set it (an override if it exists), fix it to a value whatever it
 * was, or add and remove lines, possibly after setting it. Composable, so the effect of a whole
 * extends subtree is computed once and applied wherever the subtree is extended.
 */
sealed interface KeyEffect {

  /** One {@code +=} or {@code -=} step. */
  record Step(boolean add, String operand, Origin origin) {}

  /** Set to {@code value}: an override of an existing value, else the value as it is. */
  record Set(RawValue value) implements KeyEffect {}

  /** The value becomes exactly {@code value}. */
  record Fixed(RawValue value) implements KeyEffect {}

  /** Lines added and removed from the existing value (or from an implicit empty one). */
  record Increments(List<Step> steps) implements KeyEffect {}

  /** Set to {@code value}, then lines added and removed. */
  record SetThenIncrements(RawValue value, List<Step> steps) implements KeyEffect {}

  /** The value after this effect, given the value before (null if the option was absent). */
  default RawValue apply(@Nullable RawValue before) {
    if (this instanceof Set set) {
      return before == null ? set.value() : overriding(set.value());
    }
    if (this instanceof Fixed fixed) {
      return fixed.value();
    }
    if (this instanceof Increments increments) {
      return run(increments.steps(), before == null ? RawValue.set("", Origin.IMPLICIT) : before);
    }
    SetThenIncrements both = (SetThenIncrements) this;
    return run(both.steps(), before == null ? both.value() : overriding(both.value()));
  }

  /** This effect followed by {@code next}. */
  default KeyEffect then(KeyEffect next) {
    if (next instanceof Set set) {
      return new Fixed(overriding(set.value()));
    }
    if (next instanceof Fixed) {
      return next;
    }
    if (next instanceof SetThenIncrements both) {
      return new Fixed(run(both.steps(), overriding(both.value())));
    }
    List<Step> steps = ((Increments) next).steps();
    if (this instanceof Set set) {
      return new SetThenIncrements(set.value(), steps);
    }
    if (this instanceof Fixed fixed) {
      return new Fixed(run(steps, fixed.value()));
    }
    if (this instanceof Increments increments) {
      return new Increments(concat(increments.steps(), steps));
    }
    SetThenIncrements both = (SetThenIncrements) this;
    return new SetThenIncrements(both.value(), concat(both.steps(), steps));
  }

  /** {@code existing.overriddenBy(value)} for any existing value, in effective-history mode. */
  static RawValue overriding(RawValue value) {
    return Holder.ANY.overriddenBy(value, false);
  }

  /**
   * The value after {@code steps}, line by line as {@link RawValue#plus} and {@link RawValue#minus}
   * do, but joined once: an option that diamonds extend thousands of times would otherwise be
   * copied once per step.
   */
  static RawValue run(List<Step> steps, RawValue start) {
    if (steps.size() == 1) {
      Step step = steps.get(0);
      return step.add()
          ? start.plus(step.operand(), step.origin(), false)
          : start.minus(step.operand(), step.origin(), false);
    }
    List<String> lines = new ArrayList<>(PythonStrings.splitLines(start.value()));
    History history = start.history();
    for (Step step : steps) {
      List<String> operand = PythonStrings.splitLines(step.operand());
      if (step.add()) {
        lines.addAll(operand);
      } else {
        java.util.Set<String> gone = new java.util.HashSet<>(operand);
        lines.removeIf(gone::contains);
        if (lines.isEmpty()) {
          lines.add(""); // the empty value is one empty line: a later += starts with "\n"
        }
      }
      history =
          history.then(
              new io.buildout4j.profile.Step(
                  step.add() ? Operation.ADD : Operation.REMOVE, step.operand(), step.origin()),
              false);
    }
    return new RawValue(String.join("\n", lines), history);
  }

  /** A value to override when only the overriding value matters (effective histories). */
  final class Holder {
    static final RawValue ANY = RawValue.set("", Origin.IMPLICIT);

    private Holder() {}
  }

  private static List<Step> concat(List<Step> first, List<Step> second) {
    List<Step> all = new ArrayList<>(first.size() + second.size());
    all.addAll(first);
    all.addAll(second);
    return all;
  }
}

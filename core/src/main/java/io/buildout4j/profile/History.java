package io.buildout4j.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The steps that produced a value, as an immutable list that shares its tail with the history it
 * grew from (so layering thousands of files costs one small object per step).
 *
 * <p>A loader keeps either the full history (for {@code annotate -v}) or only the effective part:
 * the last step that set the value and the increments after it, which is what {@code annotate}
 * shows and what error messages cite. Values deep in SlapOS releases are overridden tens of
 * thousands of times, so the effective history is the default.
 */
public final class History {
  private final Step last;
  private final @Nullable History previous;
  private final int size;

  private History(Step last, @Nullable History previous) {
    this.last = last;
    this.previous = previous;
    this.size = previous == null ? 1 : previous.size + 1;
  }

  /** A history of one step. */
  public static History of(Step step) {
    return new History(step, null);
  }

  /**
   * This history followed by {@code step}; when {@code full} is false a step that sets the value
   * starts a new history, since nothing before it shaped the value.
   */
  History then(Step step, boolean full) {
    if (!full && step.operation().setsValue()) {
      return new History(step, null);
    }
    return new History(step, this);
  }

  /** The most recent step. */
  public Step last() {
    return last;
  }

  /** How many steps are kept. */
  public int size() {
    return size;
  }

  /** The steps, oldest first. */
  public List<Step> steps() {
    List<Step> steps = new ArrayList<>(size);
    for (History h = this; h != null; h = h.previous) {
      steps.add(h.last);
    }
    Collections.reverse(steps);
    return Collections.unmodifiableList(steps);
  }

  /**
   * The steps since (and including) the last one that set the value: what shaped it, including the
   * increments and {@code <=} macro steps after it.
   */
  public List<Step> effectiveSteps() {
    List<Step> steps = new ArrayList<>();
    for (History h = this; h != null; h = h.previous) {
      steps.add(h.last);
      if (h.last.operation().setsValue()) {
        break;
      }
    }
    Collections.reverse(steps);
    return Collections.unmodifiableList(steps);
  }

  @Override
  public String toString() {
    return steps().toString();
  }
}

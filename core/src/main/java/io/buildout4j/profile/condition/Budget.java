package io.buildout4j.profile.condition;

/**
 * Bounds the work one evaluation may do, so that a hostile or mistaken condition (a huge string
 * repetition, a comprehension over a long sequence) fails fast instead of exhausting memory or
 * hanging. One instance per evaluation; not shared between threads.
 */
final class Budget {
  /** Most items a single str, tuple or list built by a condition may have. */
  static final int MAX_SEQUENCE_LENGTH = 100_000;

  /** Most evaluation steps (nodes visited plus items produced) per condition. */
  static final long MAX_STEPS = 2_000_000;

  private long steps;

  /** Records {@code units} of work; fails once the total exceeds {@link #MAX_STEPS}. */
  void charge(long units) {
    steps += units;
    if (steps > MAX_STEPS) {
      throw new ExpressionError("condition is too expensive to evaluate (step limit reached)");
    }
  }

  /** Fails if a sequence of {@code length} items would be too large, else charges for it. */
  void allocate(long length) {
    if (length > MAX_SEQUENCE_LENGTH) {
      throw ExpressionError.python(
          "MemoryError",
          "result of " + length + " items exceeds the limit of " + MAX_SEQUENCE_LENGTH);
    }
    charge(length);
  }
}

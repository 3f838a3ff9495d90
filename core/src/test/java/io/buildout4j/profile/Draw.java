package io.buildout4j.profile;

import java.util.List;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/** Draws from QuickTheories' randomness, so that failing cases shrink. */
final class Draw {
  private final RandomnessSource in;

  Draw(RandomnessSource in) {
    this.in = in;
  }

  int between(int lo, int hi) {
    return Generate.range(lo, hi).generate(in);
  }

  boolean chance(int percent) {
    return between(0, 99) < percent;
  }

  <T> T pick(List<T> items) {
    return items.get(between(0, items.size() - 1));
  }
}

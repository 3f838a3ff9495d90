package io.buildout4j.engine.testing;

import java.util.ArrayList;
import java.util.List;

/** What the test recipes were asked to do, in order, in this JVM: {@code install:part}, ... */
public final class CallLog {
  private static final List<String> CALLS = new ArrayList<>();

  private CallLog() {}

  static synchronized void add(String call) {
    CALLS.add(call);
  }

  /** The calls since the last {@link #clear()}. */
  public static synchronized List<String> calls() {
    return List.copyOf(CALLS);
  }

  /** Forgets the calls. */
  public static synchronized void clear() {
    CALLS.clear();
  }
}

package io.buildout4j.profile;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Lets the naturally recursive parts of resolution (a reference that needs a section whose value
 * needs another reference, an extends chain) go as deep as a profile needs without overflowing the
 * caller's stack: each nested call is counted, and past a modest depth the work continues on a
 * helper thread with a large stack while the caller waits. Past {@link #MAX_DEPTH} the chain is
 * refused with a clear error, so a runaway profile ends instead of exhausting memory.
 *
 * <p>Shallow profiles never leave the caller's thread; a deep one costs a thread start per {@code
 * HELPER_DEPTH} levels. The resolver is single-threaded by design (the caller blocks while the
 * helper runs), so no state is shared concurrently.
 */
final class DeepCalls {
  /** Deepest chain of nested references or extends accepted. */
  static final int MAX_DEPTH = 200_000;

  private static final int CALLER_DEPTH = 48;
  private static final int HELPER_DEPTH = 20_000;
  private static final long HELPER_STACK_BYTES = 1L << 30;

  private static final ThreadLocal<int[]> DEPTH =
      ThreadLocal.withInitial(() -> new int[] {0, CALLER_DEPTH, 0});

  private static final ThreadLocal<Thread> ORIGIN = new ThreadLocal<>();

  private DeepCalls() {}

  /**
   * The thread this one works for: for a helper thread, the thread whose resolution it continues
   * (which waits for it); otherwise the current thread.
   */
  static Thread origin() {
    Thread origin = ORIGIN.get();
    return origin == null ? Thread.currentThread() : origin;
  }

  /**
   * Runs {@code body} one level deeper; {@code what} names the chain in the error past the limit.
   */
  static <T> T call(String what, Supplier<T> body) {
    int[] state = DEPTH.get();
    if (state[2] + state[0] >= MAX_DEPTH) {
      throw new BuildoutException(
          "UserError", what + " is nested more than " + MAX_DEPTH + " levels deep");
    }
    if (state[0] < state[1]) {
      state[0]++;
      try {
        return body.get();
      } finally {
        state[0]--;
      }
    }
    return onHelper(state[2] + state[0], what, body);
  }

  private static <T> T onHelper(int depthSoFar, String what, Supplier<T> body) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread origin = origin();
    Thread helper =
        new Thread(
            null,
            () -> {
              ORIGIN.set(origin);
              DEPTH.set(new int[] {0, HELPER_DEPTH, depthSoFar});
              try {
                result.set(call(what, body));
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "buildout4j-deep-resolution",
            HELPER_STACK_BYTES);
    helper.setDaemon(true);
    helper.start();
    boolean interrupted = false;
    while (true) {
      try {
        helper.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (e instanceof StackOverflowError) {
      throw new BuildoutException(
          "UserError", what + " is nested too deeply for the available stack");
    }
    if (e instanceof Error error) {
      throw error;
    }
    return result.get();
  }
}

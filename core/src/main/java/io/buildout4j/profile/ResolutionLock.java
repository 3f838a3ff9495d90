package io.buildout4j.profile;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock that serialises a profile's resolution. It is reentrant, and it also lets a {@link
 * DeepCalls} helper thread through while the thread it works for holds the lock (that thread is
 * blocked waiting for the helper), so that deep resolution running on a helper can call back into
 * locked code (a recipe's constructor reading options) without deadlocking.
 */
final class ResolutionLock extends ReentrantLock {
  private static final long serialVersionUID = 1L;

  /**
   * Takes the lock, unless this thread is a helper of the thread that holds it.
   *
   * @return whether the lock was taken (and must be released with {@link #unlock()})
   */
  boolean acquire() {
    Thread origin = DeepCalls.origin();
    if (origin != Thread.currentThread() && getOwner() == origin) {
      return false;
    }
    lock();
    return true;
  }
}

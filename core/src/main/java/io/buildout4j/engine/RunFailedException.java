package io.buildout4j.engine;

import io.buildout4j.profile.BuildoutException;

/**
 * A run in which a part failed: the message is the (first) failure's, with its "while" chain; the
 * {@link #report()} says what was done before, and, with {@code --keep-going}, what else failed or
 * was skipped. What was installed before the failure stays recorded.
 */
public final class RunFailedException extends BuildoutException {
  private static final long serialVersionUID = 1L;

  private final transient RunReport report;

  RunFailedException(BuildoutException failure, RunReport report, String message) {
    super(failure.kind(), message, failure.getCause() != null ? failure.getCause() : failure);
    recordWhile(failure.whileChain());
    this.report = report;
  }

  /** What the run did. */
  public RunReport report() {
    return report;
  }
}

package io.buildout4j.profile;

import java.util.List;

/** A file extends itself, directly or through others; {@link #chain()} is the loop. */
public final class ExtendsLoopException extends BuildoutException {
  private static final long serialVersionUID = 1L;
  private final List<String> chain;

  /** Created by the loader with the files of the loop, ending with the repeated one. */
  public ExtendsLoopException(List<String> chain) {
    super("UserError", "Recursive file include: " + String.join(" -> ", chain));
    this.chain = List.copyOf(chain);
  }

  /** The files of the loop, first to last; the last is the one that closes it. */
  public List<String> chain() {
    return chain;
  }
}

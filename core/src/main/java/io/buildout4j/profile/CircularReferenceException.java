package io.buildout4j.profile;

import java.util.List;

/** Substitutions refer to each other in a loop; {@link #chain()} is the loop, first to last. */
public final class CircularReferenceException extends BuildoutException {
  private static final long serialVersionUID = 1L;
  private final List<String> chain;

  /** Created by the resolver with the loop as {@code section:option} names. */
  public CircularReferenceException(List<String> chain) {
    super("UserError", "Circular reference in substitutions: " + String.join(" -> ", chain));
    this.chain = List.copyOf(chain);
  }

  /** The {@code section:option} names of the loop, ending with the one that closes it. */
  public List<String> chain() {
    return chain;
  }
}

package io.buildout4j.profile;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked root of every error buildout4j reports about a profile or a run.
 *
 * <p>Thrown by the loader, the resolver and the engine; caught by embedders and by the command
 * line, which prints {@link #describe()}. The {@link #kind()} names the class of problem in
 * buildout's terms ({@code MissingOption}, {@code ParsingError}, ...), and {@link #whileChain()} is
 * buildout's "While:" stack: what was being done, outermost first, when the error arose.
 */
public class BuildoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private List<String> whileChain = List.of();

  /** Creates an error of the given kind; the while chain is filled in by whoever catches it. */
  public BuildoutException(String kind, String message) {
    this(kind, message, null);
  }

  /** Creates an error of the given kind caused by a lower-level failure (I/O, ...). */
  public BuildoutException(String kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Buildout's name for this class of error, e.g. {@code MissingOption} or {@code UserError}. */
  public String kind() {
    return kind;
  }

  /** What was being done when the error arose, outermost first; may be empty. */
  public List<String> whileChain() {
    return whileChain;
  }

  /**
   * Records what was being done when this error arose, unless a chain is already recorded (the
   * innermost catcher knows the most). Called by the resolver and the engine.
   */
  public BuildoutException recordWhile(List<String> chain) {
    if (whileChain.isEmpty()) {
      whileChain = List.copyOf(chain);
    }
    return this;
  }

  /**
   * Puts {@code activity} in front of the recorded "while" chain: the engine adds {@code
   * Installing.} around errors that arose while resolving parts.
   */
  public BuildoutException within(String activity) {
    List<String> chain = new java.util.ArrayList<>(whileChain.size() + 1);
    chain.add(activity);
    chain.addAll(whileChain);
    whileChain = List.copyOf(chain);
    return this;
  }

  /**
   * Renders the error as buildout prints it: a {@code While:} block (when known) and an {@code
   * Error:} line. A chain longer than 40 steps (a runaway chain of references) is shown by its
   * first and last 20 steps.
   */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (!whileChain.isEmpty()) {
      out.append("While:\n");
      int size = whileChain.size();
      for (int i = 0; i < size; i++) {
        if (size > 40 && i == 20) {
          out.append("  ... ").append(size - 40).append(" more steps ...\n");
          i = size - 20;
        }
        out.append("  ").append(whileChain.get(i)).append('\n');
      }
    }
    out.append("Error: ").append(getMessage());
    return out.toString();
  }
}

package io.buildout4j.engine.testing;

/**
 * Kills the JVM at a chosen moment, for the crash tests: a child JVM started with {@code
 * -Dbuildout4j.test.halt=POINT:PART} stops with {@link Runtime#halt(int) halt(137)} (no shutdown
 * hooks, no finally blocks: as good as SIGKILL) when {@link #at} is called with that point and
 * part. Without the property (the test JVM itself) nothing ever halts.
 */
public final class Halt {
  /** The system property naming where to halt: {@code POINT:PART}. */
  public static final String PROPERTY = "buildout4j.test.halt";

  /** The exit status of a halted JVM (the status of a JVM killed with SIGKILL). */
  public static final int STATUS = 137;

  private Halt() {}

  /** Halts the JVM if the property names {@code point} and {@code part}. */
  public static void at(String point, String part) {
    String where = System.getProperty(PROPERTY);
    if (where != null && where.equals(point + ":" + part)) {
      System.out.println("halting at " + where);
      System.out.flush();
      Runtime.getRuntime().halt(STATUS);
    }
  }
}

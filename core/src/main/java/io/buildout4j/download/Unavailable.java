package io.buildout4j.download;

/**
 * A location that cannot be fetched (no such file, an HTTP error, no connection, a timeout, offline
 * and not cached): the failure after which the alternate URL is tried. A checksum mismatch is not
 * one of these.
 */
final class Unavailable extends Exception {
  private static final long serialVersionUID = 1L;

  Unavailable(String message) {
    super(message);
  }

  Unavailable(String message, Throwable cause) {
    super(message, cause);
  }
}

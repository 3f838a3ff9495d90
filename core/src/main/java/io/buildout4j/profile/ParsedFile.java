package io.buildout4j.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the parser made of one profile file: its sections in order of first appearance, each with
 * its options under their raw keys ({@code x}, {@code x +}, {@code x -}, {@code <}, {@code
 * <part-dependencies>}), before any layering.
 */
record ParsedFile(String location, Map<String, Map<String, ParsedOption>> sections) {

  /** One option as written: its value after continuation lines and dedent, and its first line. */
  record ParsedOption(String value, int line) {}

  static ParsedFile empty(String location) {
    return new ParsedFile(location, new LinkedHashMap<>());
  }
}

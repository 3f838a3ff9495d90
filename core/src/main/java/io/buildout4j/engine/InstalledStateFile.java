package io.buildout4j.engine;

import io.buildout4j.profile.BuildoutException;
import io.buildout4j.profile.ConfigText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the installed database, {@code .installed.cfg}, in zc.buildout's format.
 *
 * <p>The engine calls {@link #read} once at the start of a run and {@link #write} once per change
 * of the installed state (a part started, installed, updated or uninstalled), always under the
 * {@link DirectoryLock} of the buildout directory. Each write replaces the whole file atomically
 * and durably, so a crash leaves either the previous state or the new one.
 *
 * <h2>Format</h2>
 *
 * <pre>
 * [buildout]
 * installed_develop_eggs =
 * parts = a b
 *
 * [a]
 * __buildout_installed__ = /srv/x/parts/a
 * __buildout_signature__ = ...
 * recipe = ...
 * ...
 * </pre>
 *
 * <p>{@code [buildout]} comes first with its options sorted by name, then one section per installed
 * part in recorded order, each with its options sorted by name ({@value InstalledPart#PATHS_OPTION}
 * among them: the paths, one per line); each option is written {@code key = value}, with one space
 * on each side of {@code =} even when the value is empty. Parts whose install or uninstall is under
 * way are listed in {@code [buildout]} under {@value #PENDING_OPTION} (when there are any) and
 * their sections follow the installed ones. zc.buildout reads only the sections named in {@code
 * parts}, so the file stays readable by it.
 *
 * <h2>Value encoding</h2>
 *
 * <p>Values are quoted exactly as zc.buildout's {@code _save_option} does, so that they survive the
 * white-space stripping of the parser: each newline becomes a newline and a tab (a continuation
 * line), and the white space the parser would strip (at the ends of the value, around newlines) is
 * written as {@code %(__buildout_space__)s} (space), {@code %(__buildout_space_n__)s} (newline),
 * {@code %(__buildout_space_r__)s}, {@code %(__buildout_space_f__)s} and {@code
 * %(__buildout_space_v__)s} (CR, FF, VT). Reading replaces these five tokens back; no other {@code
 * %} processing happens.
 *
 * <p>zc.buildout's quoting loses a few values: tabs and non-ASCII white space left at the end or
 * start of a written line (it strips them on reading), a carriage return inside a line (its reader
 * takes it for a line break), and a value containing one of the tokens literally. This writer
 * quotes those too, so that every string round-trips exactly: a carriage return anywhere becomes
 * {@code %(__buildout_space_r__)s}; other white space left at a line's ends, a lone surrogate, and
 * the {@code %} that starts a literal token become {@code %(__buildout4j_uXXXX__)s} (the UTF-16
 * code unit in four upper-case hex digits), a token zc.buildout does not know and reads verbatim.
 * Values zc.buildout round-trips are written byte for byte as it writes them.
 */
public final class InstalledStateFile {
  /** The {@code [buildout]} option listing the pending parts (a buildout4j extension). */
  public static final String PENDING_OPTION = "buildout4j-pending";

  private static final String DEVELOP_EGGS_OPTION = "installed_develop_eggs";
  private static final String PARTS_OPTION = "parts";

  private static final String SPACE = "%(__buildout_space__)s";
  private static final String NEWLINE = "%(__buildout_space_n__)s";
  private static final String CR = "%(__buildout_space_r__)s";
  private static final String FF = "%(__buildout_space_f__)s";
  private static final String VT = "%(__buildout_space_v__)s";
  private static final String[] TOKENS = {SPACE, NEWLINE, CR, FF, VT};
  private static final char[] TOKEN_CHARS = {' ', '\n', '\r', '\f', '\u000b'};
  private static final String CODE_UNIT_PREFIX = "%(__buildout4j_u";
  private static final String CODE_UNIT_SUFFIX = "__)s";
  private static final int CODE_UNIT_LENGTH =
      CODE_UNIT_PREFIX.length() + 4 + CODE_UNIT_SUFFIX.length();

  private InstalledStateFile() {}

  /**
   * Reads the installed state from {@code file}.
   *
   * <p>Tolerant, as zc.buildout: repeated {@code [buildout]} sections merge (a later value wins); a
   * part listed in {@code parts} without a section is read with no options and no paths (so it will
   * be reinstalled); sections not listed in {@code parts} or {@value #PENDING_OPTION} are ignored,
   * and so are names and options that could not have been written (no such section can exist). A
   * part listed as both installed and pending is pending.
   *
   * @return the state; {@link InstalledState#empty()} if the file does not exist
   * @throws io.buildout4j.profile.ProfileSyntaxException if the file is not in buildout's
   *     configuration syntax; it names the file and the bad lines
   * @throws BuildoutException if the file cannot be read
   */
  public static InstalledState read(Path file) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (NoSuchFileException e) {
      return InstalledState.empty();
    } catch (CharacterCodingException e) {
      throw new BuildoutException(
          "UserError", "Couldn't read the installed state " + file + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new BuildoutException(
          "UserError", "Couldn't read the installed state " + file + ": " + e, e);
    }
    return parse(text, file.toString());
  }

  /**
   * Replaces {@code file} with {@code state}, atomically and durably: the text is written to {@code
   * <file>.tmp} in the same directory, forced to disk, moved over {@code file} atomically, and the
   * directory is forced too (where the platform allows). An empty state ({@link
   * InstalledState#isEmpty()}) deletes the file instead, as zc.buildout does.
   *
   * @throws BuildoutException naming the file if it cannot be written
   */
  public static void write(Path file, InstalledState state) {
    Path target = file.toAbsolutePath();
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      if (state.isEmpty()) {
        Files.deleteIfExists(temp);
        if (Files.deleteIfExists(target)) {
          forceDirectory(target.getParent());
        }
        return;
      }
      byte[] bytes = render(state).getBytes(StandardCharsets.UTF_8);
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot replace files atomically", e);
      }
      forceDirectory(target.getParent());
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the write error is the one to report
      }
      throw new BuildoutException(
          "UserError", "Couldn't write the installed state " + file + ": " + e, e);
    }
  }

  /** Flushes a directory's entries to disk; some platforms refuse to open directories. */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Windows and some file systems cannot open or sync a directory: nothing more to do.
    }
  }

  /** The file's text for {@code state}; see the class comment for the format. */
  static String render(InstalledState state) {
    StringBuilder out = new StringBuilder();
    Map<String, String> buildout = new LinkedHashMap<>();
    if (!state.pending().isEmpty()) {
      buildout.put(PENDING_OPTION, names(state.pending()));
    }
    buildout.put(DEVELOP_EGGS_OPTION, state.developEggs());
    buildout.put(PARTS_OPTION, names(state.parts()));
    section(out, "buildout", buildout);
    for (InstalledPart part : state.parts()) {
      out.append('\n');
      section(out, part.name(), part.recordedOptions());
    }
    for (InstalledPart part : state.pending()) {
      out.append('\n');
      section(out, part.name(), part.recordedOptions());
    }
    return out.toString();
  }

  private static String names(List<InstalledPart> parts) {
    return String.join(" ", parts.stream().map(InstalledPart::name).toList());
  }

  private static void section(StringBuilder out, String name, Map<String, String> options) {
    out.append('[').append(name).append("]\n");
    options.forEach(
        (key, value) -> out.append(key).append(" = ").append(encode(value)).append('\n'));
  }

  /** Parses the file's text; {@code location} names it in errors. */
  static InstalledState parse(String text, String location) {
    Map<String, Map<String, String>> sections = ConfigText.parse(text, location);
    Map<String, String> buildout = sections.getOrDefault("buildout", Map.of());
    String developEggs = decode(buildout.getOrDefault(DEVELOP_EGGS_OPTION, ""));
    Set<String> pendingNames = partNames(buildout.get(PENDING_OPTION));
    Set<String> partNames = partNames(buildout.get(PARTS_OPTION));
    partNames.removeAll(pendingNames);
    List<InstalledPart> parts = new ArrayList<>();
    for (String name : partNames) {
      parts.add(part(name, sections.getOrDefault(name, Map.of())));
    }
    List<InstalledPart> pending = new ArrayList<>();
    for (String name : pendingNames) {
      pending.add(part(name, sections.getOrDefault(name, Map.of())));
    }
    return new InstalledState(developEggs, parts, pending);
  }

  /** The valid part names of a space-separated list, first occurrence first. */
  private static Set<String> partNames(String value) {
    Set<String> names = new LinkedHashSet<>();
    if (value == null) {
      return names;
    }
    for (String name : splitWhitespace(decode(value))) {
      if (ConfigText.isSectionName(name) && !name.equals("buildout")) {
        names.add(name);
      }
    }
    return names;
  }

  private static InstalledPart part(String name, Map<String, String> section) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> paths = new ArrayList<>();
    section.forEach(
        (key, raw) -> {
          String value = decode(raw);
          if (key.equals(InstalledPart.PATHS_OPTION)) {
            for (String path : value.split("\n", -1)) {
              if (!path.isEmpty()) {
                paths.add(path);
              }
            }
          } else if (ConfigText.isOptionName(key)) {
            options.put(key, value);
          }
        });
    return new InstalledPart(name, options, paths);
  }

  /** Python's {@code str.split()}: pieces between runs of white space, none empty. */
  private static List<String> splitWhitespace(String value) {
    List<String> pieces = new ArrayList<>();
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n && ConfigText.isSpace(value.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !ConfigText.isSpace(value.charAt(i))) {
        i++;
      }
      if (i > start) {
        pieces.add(value.substring(start, i));
      }
    }
    return pieces;
  }

  // ------------------------------------------------------------------ value encoding

  /**
   * Quotes {@code value} for the text after {@code key = }: zc.buildout's {@code _save_option} (the
   * regular expression {@code [ \t\r\f\v]*\n[ \t\r\f\v\n]*|^[ \t\r\f\v]+|[ \t\r\f\v]+$}, each match
   * quoted around its first newline, then a leading or trailing newline-and-tab made a token),
   * followed by this class's additions for what zc.buildout would lose.
   */
  static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    int n = value.length();
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && isQuotedSpace(value.charAt(j))) {
        j++;
      }
      if (j < n && value.charAt(j) == '\n') {
        // white space around a newline: the part before the first newline, a line break, the rest
        int k = j + 1;
        while (k < n && (isQuotedSpace(value.charAt(k)) || value.charAt(k) == '\n')) {
          k++;
        }
        quote(value, i, j, out);
        out.append("\n\t");
        quote(value, j + 1, k, out);
        i = k;
      } else if (j > i && (i == 0 || j == n)) {
        // white space at the start or the end of the value
        quote(value, i, j, out);
        i = j;
      } else {
        // inner text (a run of inner white space cannot match anywhere inside it either)
        literal(value, i, Math.max(j, i + 1), out);
        i = Math.max(j, i + 1);
      }
    }
    String quoted = out.toString();
    if (quoted.startsWith("\n\t")) {
      quoted = NEWLINE + quoted.substring(2);
    }
    if (quoted.endsWith("\n\t")) {
      quoted = quoted.substring(0, quoted.length() - 2) + NEWLINE;
    }
    return quoteLineEnds(quoted);
  }

  /** The white space zc.buildout's expression treats around newlines: {@code [ \t\r\f\v]}. */
  private static boolean isQuotedSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b';
  }

  /** zc.buildout's {@code _quote_spacey_nl} for one side of a match: tabs stay as they are. */
  private static void quote(String value, int from, int to, StringBuilder out) {
    for (int p = from; p < to; p++) {
      char c = value.charAt(p);
      switch (c) {
        case ' ' -> out.append(SPACE);
        case '\r' -> out.append(CR);
        case '\f' -> out.append(FF);
        case '\u000b' -> out.append(VT);
        case '\n' -> out.append(NEWLINE);
        default -> out.append(c);
      }
    }
  }

  /**
   * Text outside zc.buildout's matches, written as is except for what would not survive: a carriage
   * return (a line break to the reader), the {@code %} of a literal token, a lone surrogate.
   */
  private static void literal(String value, int from, int to, StringBuilder out) {
    for (int p = from; p < to; p++) {
      char c = value.charAt(p);
      if (c == '\r') {
        out.append(CR);
      } else if (c == '%' && tokenAt(value, p) != 0) {
        codeUnit(c, out);
      } else if (Character.isSurrogate(c) && !isPairedSurrogate(value, p)) {
        codeUnit(c, out);
      } else {
        out.append(c);
      }
    }
  }

  private static boolean isPairedSurrogate(String value, int p) {
    char c = value.charAt(p);
    if (Character.isHighSurrogate(c)) {
      return p + 1 < value.length() && Character.isLowSurrogate(value.charAt(p + 1));
    }
    return p > 0 && Character.isHighSurrogate(value.charAt(p - 1));
  }

  /**
   * Quotes the white space zc.buildout leaves at the ends of a written line (tabs, non-ASCII white
   * space, and spaces next to them), which the parser would strip.
   */
  private static String quoteLineEnds(String quoted) {
    StringBuilder out = null;
    int start = 0;
    int n = quoted.length();
    while (start <= n) {
      int end = quoted.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      // a continuation line starts with the tab that marks it
      int from = start == 0 ? 0 : start + 1;
      int lead = from;
      while (lead < end && ConfigText.isSpace(quoted.charAt(lead))) {
        lead++;
      }
      int trail = end;
      while (trail > lead && ConfigText.isSpace(quoted.charAt(trail - 1))) {
        trail--;
      }
      if (lead > from || trail < end) {
        if (out == null) {
          out = new StringBuilder(quoted.length() + 32).append(quoted, 0, from);
        }
        quoteSpace(quoted, from, lead, out);
        out.append(quoted, lead, trail);
        quoteSpace(quoted, trail, end, out);
      } else if (out != null) {
        out.append(quoted, from, end);
      }
      if (end == n) {
        break;
      }
      if (out != null) {
        out.append("\n\t");
      }
      start = end + 1;
    }
    return out == null ? quoted : out.toString();
  }

  private static void quoteSpace(String text, int from, int to, StringBuilder out) {
    for (int p = from; p < to; p++) {
      char c = text.charAt(p);
      switch (c) {
        case ' ' -> out.append(SPACE);
        case '\f' -> out.append(FF);
        case '\u000b' -> out.append(VT);
        default -> codeUnit(c, out);
      }
    }
  }

  private static void codeUnit(char c, StringBuilder out) {
    out.append(CODE_UNIT_PREFIX).append(String.format("%04X", (int) c)).append(CODE_UNIT_SUFFIX);
  }

  /** Replaces the tokens of {@link #encode} with the characters they stand for. */
  static String decode(String value) {
    if (!value.contains("%(")) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int n = value.length();
    int i = 0;
    while (i < n) {
      char c = value.charAt(i);
      int length = c == '%' ? tokenAt(value, i) : 0;
      if (length == 0) {
        out.append(c);
        i++;
      } else {
        out.append(tokenChar(value, i));
        i += length;
      }
    }
    return out.toString();
  }

  /** The length of the token at {@code p}, or 0 if there is none. */
  private static int tokenAt(String value, int p) {
    for (String token : TOKENS) {
      if (value.startsWith(token, p)) {
        return token.length();
      }
    }
    if (value.startsWith(CODE_UNIT_PREFIX, p)
        && p + CODE_UNIT_LENGTH <= value.length()
        && value.startsWith(CODE_UNIT_SUFFIX, p + CODE_UNIT_PREFIX.length() + 4)) {
      for (int q = p + CODE_UNIT_PREFIX.length(); q < p + CODE_UNIT_PREFIX.length() + 4; q++) {
        char h = value.charAt(q);
        if (!(h >= '0' && h <= '9' || h >= 'A' && h <= 'F')) {
          return 0;
        }
      }
      return CODE_UNIT_LENGTH;
    }
    return 0;
  }

  /** The character of the token at {@code p} ({@link #tokenAt} found one). */
  private static char tokenChar(String value, int p) {
    for (int t = 0; t < TOKENS.length; t++) {
      if (value.startsWith(TOKENS[t], p)) {
        return TOKEN_CHARS[t];
      }
    }
    int hex = p + CODE_UNIT_PREFIX.length();
    return (char) Integer.parseInt(value.substring(hex, hex + 4), 16);
  }
}

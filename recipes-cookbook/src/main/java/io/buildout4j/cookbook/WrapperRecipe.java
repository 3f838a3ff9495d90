package io.buildout4j.cookbook;

import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.Recipe;
import io.buildout4j.recipe.RecipeException;
import io.buildout4j.recipe.RecipeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code wrapper} ({@code slapos.cookbook:wrapper}): an executable {@code /bin/sh} script at {@code
 * wrapper-path} that replaces itself ({@code exec}) with {@code command-line}, its arguments
 * shell-quoted, followed by the script's own arguments, in the {@code environment} given. Optional:
 * waiting for files ({@code wait-for-files}), a {@code pidfile} that keeps a second copy from
 * starting, ignoring a signal ({@code sig-ign}), {@code reserve-cpu}, and a path suffixed with a
 * hash of files ({@code hash-files}, {@code hash-existing-files}) so that a change to them gives a
 * new wrapper. Upstream writes a Python script for the optional features; this recipe writes a
 * shell script that does the same. See {@code docs/cookbook/wrapper.md}.
 */
public final class WrapperRecipe implements RecipeFactory {
  /** Linux's signal numbers, for the names Python's {@code signal} module has. */
  private static final Map<String, Integer> SIGNALS = signals();

  /** The names every POSIX shell's {@code trap} accepts. */
  private static final Set<String> POSIX_TRAP_NAMES =
      Set.of(
          "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "USR1", "SEGV", "USR2", "PIPE",
          "ALRM", "TERM", "CHLD", "CONT", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM",
          "PROF", "SYS");

  @Override
  public Set<String> names() {
    return Set.of("wrapper", "slapos.cookbook:wrapper");
  }

  @Override
  public Recipe create(Part part) {
    Options options = part.options();
    String section = options.section();
    String commandLine = options.get("command-line");
    if (commandLine == null) {
      throw new RecipeException("Missing option: " + section + ":command-line");
    }
    String wrapperPath = options.get("wrapper-path");
    if (wrapperPath == null || wrapperPath.isBlank()) {
      throw new RecipeException("Missing option: " + section + ":wrapper-path");
    }
    for (String unsupported :
        List.of("private-tmpfs", "redirect-signal", "redirect-stdout", "redirect-stderr")) {
      String value = options.get(unsupported);
      if (value != null && !value.isBlank()) {
        throw new RecipeException(
            "Unsupported option "
                + section
                + ":"
                + unsupported
                + ": buildout4j's wrapper writes a shell script, which cannot "
                + (unsupported.equals("private-tmpfs")
                    ? "mount a private tmpfs in a user namespace"
                    : "reopen redirected logs on a signal")
                + "; start the command through a supervisor that does it instead");
      }
    }
    Path base = part.directories().directory();
    List<Path> hashFiles = new ArrayList<>();
    List<Path> existingOutsideBuildout = new ArrayList<>();
    Path buildoutReal = realPath(base);
    for (String file : words(options.get("hash-files", ""))) {
      Path path = base.resolve(file).normalize();
      hashFiles.add(path);
      if (Files.exists(path) && !realPath(path).startsWith(buildoutReal)) {
        existingOutsideBuildout.add(path);
      }
    }
    List<String> existing = words(options.get("hash-existing-files", ""));
    if (!existing.isEmpty()) {
      List<Path> paths = existing.stream().map(f -> base.resolve(f).normalize()).toList();
      options.set("__hash_files__", hashOf(paths, section + ":hash-existing-files"));
      hashFiles.addAll(paths);
    }
    String sigIgn = options.get("sig-ign");
    String trap = sigIgn == null || sigIgn.isBlank() ? null : trap(sigIgn.strip(), section);
    String pidfile = options.get("pidfile");
    String reserve = options.get("reserve-cpu", "");
    Script script =
        new Script(
            commandLine,
            environment(options.get("environment", ""), section),
            words(options.get("wait-for-files", "")).stream()
                .map(f -> base.resolve(f).normalize().toString())
                .toList(),
            pidfile == null || pidfile.isBlank()
                ? null
                : base.resolve(pidfile.strip()).normalize().toString(),
            Set.of("y", "yes", "1", "true").contains(reserve.strip().toLowerCase(Locale.ROOT)),
            trap);
    return new Wrapper(
        part,
        base.resolve(wrapperPath.strip()).normalize(),
        hashFiles,
        existingOutsideBuildout,
        script.text(section));
  }

  /** {@code environment} lines, {@code KEY=VALUE}, sorted by key as upstream writes them. */
  private static Map<String, String> environment(String text, String section) {
    Map<String, String> environment = new TreeMap<>();
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        continue;
      }
      int equals = stripped.indexOf('=');
      String key = equals < 0 ? "" : stripped.substring(0, equals).stripTrailing();
      if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new RecipeException(
            "Invalid line in "
                + section
                + ":environment: '"
                + stripped
                + "' (each line is NAME=VALUE, NAME a shell variable name)");
      }
      environment.put(key, stripped.substring(equals + 1).stripLeading());
    }
    return environment;
  }

  /** The {@code trap} argument that ignores {@code signal} ({@code USR1}, {@code RTMIN+1}). */
  private static String trap(String signal, String section) {
    String name = signal;
    int offset = 0;
    int plus = signal.indexOf('+');
    if (plus >= 0) {
      name = signal.substring(0, plus);
      try {
        offset = Integer.parseInt(signal.substring(plus + 1).strip());
      } catch (NumberFormatException e) {
        offset = -1;
      }
    }
    Integer number = SIGNALS.get(name);
    if (number == null || offset < 0 || number + offset > 64) {
      throw new RecipeException(
          "Invalid value for "
              + section
              + ":sig-ign: '"
              + signal
              + "' (a signal name without SIG, such as USR1 or RTMIN+1)");
    }
    if (name.equals("KILL") || name.equals("STOP")) {
      throw new RecipeException(
          "Invalid value for " + section + ":sig-ign: '" + signal + "' cannot be ignored");
    }
    return offset == 0 && POSIX_TRAP_NAMES.contains(name)
        ? name
        : Integer.toString(number + offset);
  }

  private static Map<String, Integer> signals() {
    Map<String, Integer> signals = new TreeMap<>();
    String[] names = {
      "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
      "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
      "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"
    };
    for (int i = 0; i < names.length; i++) {
      signals.put(names[i], i + 1);
    }
    signals.put("IOT", 6);
    signals.put("CLD", 17);
    signals.put("POLL", 29);
    signals.put("RTMIN", 34);
    signals.put("RTMAX", 64);
    return Map.copyOf(signals);
  }

  /**
   * SlapOS's {@code generateHashFromFiles}: MD5 over, for each file in order, its length in
   * decimal, a newline, then its bytes.
   */
  static String hashOf(List<Path> files, String where) {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Path file : files) {
      byte[] content;
      try {
        content = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new RecipeException("Cannot read " + file + " (" + where + "): " + e, e);
      }
      md5.update((content.length + "\n").getBytes(StandardCharsets.US_ASCII));
      md5.update(content);
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private static List<String> words(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
  }

  /** What the script does, in upstream's order. */
  private record Script(
      String commandLine,
      Map<String, String> environment,
      List<String> waitForFiles,
      @Nullable String pidfile,
      boolean reserveCpu,
      @Nullable String trap) {

    String text(String section) {
      List<String> args;
      try {
        args = WrapperShell.split(commandLine);
      } catch (WrapperShell.SyntaxException e) {
        throw new RecipeException(
            "Invalid value for " + section + ":command-line: " + e.getMessage());
      }
      if (args.isEmpty()) {
        throw new RecipeException("Invalid value for " + section + ":command-line: it is empty");
      }
      List<String> lines = new ArrayList<>();
      lines.add("#!/bin/sh -e");
      if (trap != null) {
        lines.add("trap '' " + trap);
      }
      if (pidfile != null) {
        pidfileCheck(lines, args);
      }
      if (reserveCpu) {
        lines.add("echo \"$$\" >> \"$HOME/.slapos-cpu-exclusive\"");
      }
      if (!waitForFiles.isEmpty()) {
        StringBuilder files = new StringBuilder();
        for (String file : waitForFiles) {
          files.append(' ').append(WrapperShell.quote(file));
        }
        lines.add("for f in" + files + "; do");
        lines.add(
            "  while [ ! -e \"$f\" ] && [ ! -L \"$f\" ]; do sleep 0.1 2>/dev/null || sleep 1;"
                + " done");
        lines.add("done");
      }
      environment.forEach(
          (key, value) -> lines.add("export " + key + "=" + WrapperShell.quote(value)));
      // Upstream's layout: arguments on one line while it is short, then one per line.
      lines.add("exec");
      List<String> words = new ArrayList<>();
      args.forEach(arg -> words.add(WrapperShell.quote(arg)));
      words.add("\"$@\"");
      for (String word : words) {
        int last = lines.size() - 1;
        if (lines.get(last).length() < 40) {
          lines.set(last, lines.get(last) + " " + word);
        } else {
          lines.set(last, lines.get(last) + " \\");
          lines.add("\t" + word);
        }
      }
      lines.add("");
      return String.join("\n", lines);
    }

    /**
     * Upstream's pidfile: if the process the file names runs the same command (its arguments
     * appear, in order, in the process's), say so and fail; else write our PID, which the command
     * keeps once it replaces the script.
     */
    private void pidfileCheck(List<String> lines, List<String> args) {
      StringBuilder expected = new StringBuilder("expected=$(printf '%s\\n'");
      for (String arg : args) {
        expected.append(' ').append(WrapperShell.quote(arg));
      }
      expected.append(')');
      lines.add("pidfile=" + WrapperShell.quote(pidfile));
      lines.add("nl='");
      lines.add("'");
      lines.add(expected.toString());
      lines.add("pid=$(cat \"$pidfile\" 2>/dev/null) || pid=");
      lines.add("case $pid in");
      lines.add("  ''|*[!0-9]*) ;;");
      lines.add("  *)");
      lines.add("    running=$(tr '\\000' '\\n' < \"/proc/$pid/cmdline\" 2>/dev/null) || running=");
      lines.add("    case \"$nl$running$nl\" in");
      lines.add(
          "      *\"$nl$expected$nl\"*) echo \"Already running with pid $pid.\" >&2; exit 1;;");
      lines.add("    esac;;");
      lines.add("esac");
      lines.add("echo \"$$\" > \"$pidfile\"");
    }
  }

  private static final class Wrapper implements Recipe {
    private final Part part;
    private final Path wrapperPath;
    private final List<Path> hashFiles;
    private final List<Path> existingOutsideBuildout;
    private final String text;

    Wrapper(
        Part part,
        Path wrapperPath,
        List<Path> hashFiles,
        List<Path> existingOutsideBuildout,
        String text) {
      this.part = part;
      this.wrapperPath = wrapperPath;
      this.hashFiles = hashFiles;
      this.existingOutsideBuildout = existingOutsideBuildout;
      this.text = text;
    }

    private Path path() {
      if (hashFiles.isEmpty()) {
        return wrapperPath;
      }
      String hash = hashOf(hashFiles, part.options().section() + ":hash-files");
      return wrapperPath.resolveSibling(wrapperPath.getFileName() + "-" + hash);
    }

    @Override
    public Collection<Path> install() throws IOException {
      String section = part.options().section();
      if (!existingOutsideBuildout.isEmpty()) {
        StringBuilder list = new StringBuilder();
        existingOutsideBuildout.forEach(p -> list.append("\n  ").append(p));
        throw new RecipeException(
            section + ":hash-files must only list files that are generated by buildout:" + list);
      }
      Path path = path();
      List<Path> created =
          TemplateOutput.write(
              part,
              path,
              text.getBytes(StandardCharsets.UTF_8),
              0700,
              false,
              section + ":wrapper-path");
      part.log().info("Wrote the wrapper " + path);
      return created;
    }

    @Override
    public Collection<Path> update() {
      Path path = path();
      if (!Files.isRegularFile(path)) {
        throw new RecipeException(
            "Unstable wrapper path for "
                + part.options().section()
                + ": "
                + path
                + " does not exist (did its hash-files change?)");
      }
      return List.of();
    }
  }
}

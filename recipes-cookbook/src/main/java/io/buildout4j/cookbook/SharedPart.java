package io.buildout4j.cookbook;

import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.RecipeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A part installed once for every buildout that needs it with the same inputs, as SlapOS's shared
 * parts: {@code shared = true} on a part, and {@code [buildout] shared-part-list} naming the
 * directories (the last one receives new installs). The part lives in {@code DIR/PART/HASH}, where
 * HASH covers the recipe, every option (with the profile's base location normalised out) and {@link
 * Part#signature()} (the recipe's code and the parts it references).
 *
 * <p>A finished install holds {@value #MARKER}, written last and atomically, recording the inputs:
 * a directory without it is an interrupted install and is rebuilt. Installs of the same shared part
 * by several buildouts at once are serialised by a lock file next to it. A shared part is not owned
 * by any buildout: uninstalling a part that uses it leaves it in place ({@code buildout4j gc
 * --shared} removes those no buildout reaches).
 *
 * <p>Created by recipes in their {@code create()}; {@link #install} runs in their {@code
 * install()}/{@code update()}.
 */
final class SharedPart {
  /** The file that marks a finished shared install and records its inputs. */
  static final String MARKER = ".buildout-shared.json";

  private static final String BASE = "_profile_base_location_";

  private final Path location;
  private final String recipe;
  private final String name;
  private final Map<String, String> inputs;
  private final String signature;

  private SharedPart(
      Path location, String recipe, String name, Map<String, String> inputs, String signature) {
    this.location = location;
    this.recipe = recipe;
    this.name = name;
    this.inputs = inputs;
    this.signature = signature;
  }

  /**
   * The shared install of {@code part}, or null if the part is not shared ({@code shared} absent or
   * false). Call it in {@code create()} after reading every section the recipe depends on and
   * before setting options derived from the location; it sets {@code location}.
   *
   * @param recipe the recipe's native name (the same for every name it is registered under)
   * @param computed options that the recipe computes from the location, left out of the hash
   * @throws RecipeException if the part gives its own {@code location}
   */
  static @Nullable SharedPart of(Part part, String recipe, List<String> computed) {
    Options options = part.options();
    String flag = options.get("shared", "").strip().toLowerCase(java.util.Locale.ROOT);
    if (!flag.equals("true")) {
      if (!flag.isEmpty() && !flag.equals("false")) {
        throw new RecipeException(
            "Invalid value for "
                + options.section()
                + ":shared: '"
                + options.get("shared")
                + "' (it must be true or false)");
      }
      return null;
    }
    String list = part.section("buildout").get("shared-part-list", "");
    List<Path> directories = new ArrayList<>();
    for (String line : list.split("\n")) {
      if (!line.isBlank()) {
        directories.add(part.directories().directory().resolve(line.strip()).normalize());
      }
    }
    if (directories.isEmpty()) {
      part.log()
          .debug(
              part.name()
                  + ":shared is true, but [buildout] shared-part-list is empty: an ordinary part");
      return null;
    }
    if (options.has("location")) {
      throw new RecipeException(
          part.name()
              + ":location cannot be given for a shared part: it is computed in the shared"
              + " directory");
    }
    Map<String, String> inputs = new TreeMap<>();
    String base = options.get(BASE);
    for (Map.Entry<String, String> option : options.snapshot().entrySet()) {
      String key = option.getKey();
      if (key.equals(BASE)
          || key.equals("location")
          || key.startsWith("__buildout")
          || computed.contains(key)) {
        continue;
      }
      String value = option.getValue();
      inputs.put(
          key, base == null || base.isEmpty() ? value : value.replace(base, "${:" + BASE + "}"));
    }
    String signature = part.signature();
    String hash = hash(recipe, inputs, signature);
    Path chosen = directories.get(directories.size() - 1).resolve(part.name()).resolve(hash);
    for (Path directory : directories) {
      Path candidate = directory.resolve(part.name()).resolve(hash);
      if (Files.isRegularFile(candidate.resolve(MARKER))) {
        chosen = candidate;
        break;
      }
    }
    options.set("location", chosen.toString());
    return new SharedPart(chosen, recipe, part.name(), Map.copyOf(inputs), signature);
  }

  private static String hash(String recipe, Map<String, String> inputs, String signature) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      update(md5, recipe);
      inputs.forEach(
          (key, value) -> {
            update(md5, key);
            update(md5, value);
          });
      update(md5, signature);
      return HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  /** Where the part is (or will be) installed. */
  Path location() {
    return location;
  }

  /** Whether a finished install is there. */
  boolean isInstalled() {
    return Files.isRegularFile(location.resolve(MARKER));
  }

  /** Builds the shared part. */
  @FunctionalInterface
  interface Build {
    /** Builds into {@code location}, which does not exist yet. */
    void into(Path location) throws Exception;
  }

  /**
   * Installs the shared part unless a finished install is already there: under the lock, removes
   * what an interrupted install left, runs {@code build}, then writes the marker. If {@code build}
   * fails, what it left is removed.
   *
   * @return whether it was built now (false: reused)
   */
  boolean install(Part part, Build build) throws Exception {
    if (isInstalled()) {
      part.log().info("Using the shared part " + location);
      return false;
    }
    Files.createDirectories(location.getParent());
    Path lockFile = location.resolveSibling(location.getFileName() + ".lock");
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      if (isInstalled()) {
        part.log().info("Using the shared part " + location + " (installed meanwhile)");
        return false;
      }
      if (Files.exists(location)) {
        part.log().info("Removing an interrupted shared install at " + location);
        Tree.delete(location);
      }
      try {
        build.into(location);
      } catch (Exception | Error e) {
        Tree.delete(location);
        throw e;
      }
      writeMarker();
      part.log().info("Installed the shared part " + location);
      return true;
    }
  }

  private void writeMarker() throws IOException {
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"recipe\": ").append(Json.quote(recipe));
    json.append(",\n  \"part\": ").append(Json.quote(name));
    json.append(",\n  \"signature\": ").append(Json.quote(signature));
    json.append(",\n  \"installed\": ").append(Json.quote(Instant.now().toString()));
    json.append(",\n  \"options\": {");
    boolean first = true;
    for (Map.Entry<String, String> input : new TreeMap<>(inputs).entrySet()) {
      json.append(first ? "\n    " : ",\n    ")
          .append(Json.quote(input.getKey()))
          .append(": ")
          .append(Json.quote(input.getValue()));
      first = false;
    }
    json.append(first ? "}\n}\n" : "\n  }\n}\n");
    Path temp = location.resolve(MARKER + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      out.write(java.nio.ByteBuffer.wrap(json.toString().getBytes(StandardCharsets.UTF_8)));
      out.force(true);
    }
    try {
      Files.move(
          temp,
          location.resolve(MARKER),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, location.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

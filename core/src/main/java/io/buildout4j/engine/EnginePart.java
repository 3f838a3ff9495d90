package io.buildout4j.engine;

import io.buildout4j.profile.SectionOptions;
import io.buildout4j.recipe.BuildoutDirectories;
import io.buildout4j.recipe.Downloads;
import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.PartLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@link Part}: one part's options, the run's shared settings, its log, and, while its
 * recipe installs or updates, where {@link #created(Path...)} registrations go.
 */
final class EnginePart implements Part {
  private final String name;
  private final SectionOptions section;
  private final PartOptions options;
  private final Supplier<RunSettings> settings;
  private final Logger log = new Logger();
  private volatile @Nullable Consumer<Path> createdSink;
  private volatile @Nullable PartLogFile logFile;

  private final Supplier<String> signature;

  EnginePart(
      String name,
      SectionOptions section,
      Supplier<RunSettings> settings,
      Supplier<String> signature) {
    this.name = name;
    this.section = section;
    this.signature = signature;
    this.options = new PartOptions(section);
    this.settings = settings;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Options options() {
    return options;
  }

  @Override
  public Options section(String other) {
    return new PartOptions(section.section(other));
  }

  @Override
  public String signature() {
    return signature.get();
  }

  @Override
  public boolean hasSection(String other) {
    return section.hasSection(other);
  }

  @Override
  public BuildoutDirectories directories() {
    return settings.get().directories();
  }

  @Override
  public PartLog log() {
    return log;
  }

  @Override
  public Downloads downloads() {
    return settings.get().downloads().apply(name);
  }

  @Override
  public boolean offline() {
    return settings.get().offline();
  }

  @Override
  public boolean newest() {
    return settings.get().newest();
  }

  @Override
  public void created(Path... paths) {
    Consumer<Path> sink = createdSink;
    if (sink == null) {
      throw new IllegalStateException(
          "Part " + name + " registered a created path while not installing or updating");
    }
    Path directory = directories().directory();
    for (Path path : paths) {
      sink.accept(directory.resolve(path).normalize());
    }
  }

  @Override
  public int run(ProcessBuilder process) throws IOException, InterruptedException {
    if (process.directory() == null) {
      process.directory(directories().directory().toFile());
    }
    process.redirectErrorStream(true);
    process.redirectInput(ProcessBuilder.Redirect.PIPE);
    log.debug("Running " + String.join(" ", process.command()));
    Process running = process.start();
    running.getOutputStream().close();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output(line);
      }
      return running.waitFor();
    } catch (InterruptedException | IOException e) {
      running.descendants().forEach(ProcessHandle::destroyForcibly);
      running.destroyForcibly();
      throw e;
    }
  }

  /** Starts an install or update: registrations go to {@code sink}, log lines to {@code file}. */
  void begin(Consumer<Path> sink, @Nullable PartLogFile file) {
    this.createdSink = sink;
    this.logFile = file;
  }

  /** Ends an install or update: registrations are refused again. */
  void end() {
    this.createdSink = null;
    this.logFile = null;
  }

  private void output(String line) {
    PartLogFile file = logFile;
    if (file != null) {
      file.write(line);
    }
    settings.get().listener().partOutput(name, line);
  }

  private final class Logger implements PartLog {
    @Override
    public void info(String message) {
      output(message);
    }

    @Override
    public void warning(String message) {
      output("WARNING: " + message);
    }

    @Override
    public void debug(String message) {
      PartLogFile file = logFile;
      if (file != null) {
        file.write("DEBUG: " + message);
      }
    }
  }
}

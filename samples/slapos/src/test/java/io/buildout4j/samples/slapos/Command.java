package io.buildout4j.samples.slapos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command the tests run as a real process, its output (stdout and stderr) kept in a file. */
final class Command {
  private final List<String> arguments;
  private final Map<String, String> environment;

  private Command(List<String> arguments, Map<String, String> environment) {
    this.arguments = List.copyOf(arguments);
    this.environment = Map.copyOf(environment);
  }

  static Command of(String... arguments) {
    return new Command(List.of(arguments), Map.of());
  }

  Command withEnvironment(Map<String, String> variables) {
    return new Command(arguments, variables);
  }

  /** Runs the command to its end, or kills it after {@code limit}. */
  Result run(Path outputFile, Duration limit) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(arguments);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(outputFile.toFile());
    Process process = builder.start();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(
          String.join(" ", arguments)
              + " did not end within "
              + limit
              + "; its output so far:\n"
              + Files.readString(outputFile, StandardCharsets.UTF_8));
    }
    return new Result(
        String.join(" ", arguments),
        process.exitValue(),
        Files.readString(outputFile, StandardCharsets.UTF_8));
  }

  /** What a command printed, and how it ended. */
  record Result(String command, int status, String output) {
    /** Fails with the command and its output unless it ended with status 0. */
    Result assertSucceeded() {
      if (status != 0) {
        throw new AssertionError(command + " ended with status " + status + ":\n" + output);
      }
      return this;
    }
  }
}

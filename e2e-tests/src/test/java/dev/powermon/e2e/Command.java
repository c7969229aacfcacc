package dev.powermon.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a tool (promtool, shellcheck, an install script) to completion, bounded in time. */
final class Command {
  /** Exit status and the merged stdout/stderr of one run. */
  record Result(int exitCode, String output) {}

  private static final long TIMEOUT_SECONDS = 120;

  private Command() {}

  static Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    // Read in the background so a chatty tool cannot block on a full pipe.
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
    }
    return new Result(process.exitValue(), output.join());
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }
}

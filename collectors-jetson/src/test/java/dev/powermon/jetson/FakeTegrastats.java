package dev.powermon.jetson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;

/**
 * A shell script standing in for tegrastats. Run N prints {@code runN.txt} and exits 1 when that
 * file exists; otherwise it prints {@code steady.txt} every 100 ms (at most 600 times) until
 * stopped. It records its arguments and PID beside itself.
 */
final class FakeTegrastats {
  private static final String SCRIPT =
      String.join(
          "\n",
          "#!/bin/sh",
          "dir=$(dirname \"$0\")",
          "n=$(( $(cat \"$dir/runs\" 2>/dev/null || echo 0) + 1 ))",
          "echo \"$n\" > \"$dir/runs\"",
          "echo \"$*\" > \"$dir/args\"",
          "echo \"$$\" > \"$dir/pid\"",
          "if [ -f \"$dir/run$n.txt\" ]; then cat \"$dir/run$n.txt\"; exit 1; fi",
          "i=0",
          "while [ \"$i\" -lt 600 ]; do cat \"$dir/steady.txt\"; sleep 0.1; i=$((i + 1)); done",
          "");

  private final Path dir;

  FakeTegrastats(Path dir) {
    this.dir = dir;
  }

  /** Writes the script; its path is the {@code tegrastats} setting. */
  Path install() {
    Path script = dir.resolve("tegrastats");
    try {
      Files.writeString(script, SCRIPT);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return script;
  }

  /**
   * Writes a script of its own instead: {@code body} runs after the PID is recorded, in the
   * directory of the script ({@code $dir}); its path is the {@code tegrastats} setting.
   */
  Path installScript(String body) {
    Path script = dir.resolve("tegrastats");
    try {
      Files.writeString(
          script, "#!/bin/sh\ndir=$(dirname \"$0\")\necho \"$$\" > \"$dir/pid\"\n" + body + "\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return script;
  }

  /** A file beside the script, for a script of its own to print. */
  FakeTegrastats file(String name, String text) {
    SysfsTree.write(dir.resolve(name), text);
    return this;
  }

  /**
   * What run {@code n} prints before it dies; written as given, so text without a final newline is
   * cut.
   */
  FakeTegrastats run(int n, String output) {
    SysfsTree.write(dir.resolve("run" + n + ".txt"), output);
    return this;
  }

  FakeTegrastats steady(String line) {
    SysfsTree.write(dir.resolve("steady.txt"), line + "\n");
    return this;
  }

  int runs() {
    String text = SmallFiles.readOrEmpty(dir.resolve("runs"));
    return text.isEmpty() ? 0 : Integer.parseInt(text);
  }

  String args() {
    return SmallFiles.readOrEmpty(dir.resolve("args"));
  }

  OptionalLong pid() {
    String text = SmallFiles.readOrEmpty(dir.resolve("pid"));
    return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
  }
}

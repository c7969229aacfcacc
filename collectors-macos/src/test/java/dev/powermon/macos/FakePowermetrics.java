package dev.powermon.macos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A shell script standing in for powermetrics: records its arguments and pid, prints the fixture
 * plist {@code samples} times NUL-separated, then runs {@code ending} (for example "exit 3" or
 * "exec sleep 60").
 */
final class FakePowermetrics {
  private final Path dir;
  final Path executable;

  private FakePowermetrics(Path dir) {
    this.dir = dir;
    this.executable = dir.resolve("powermetrics");
  }

  static FakePowermetrics write(Path dir, int samples, String ending) throws IOException {
    FakePowermetrics fake = new FakePowermetrics(dir);
    Files.write(dir.resolve("sample.plist"), Fixtures.bytes("powermetrics/m3-macos15.plist"));
    String script =
        "#!/bin/sh\n"
            + "dir=$(dirname \"$0\")\n"
            + "echo \"$*\" >> \"$dir/args\"\n"
            + "echo $$ > \"$dir/pid\"\n"
            + "i=0\n"
            + "while [ $i -lt "
            + samples
            + " ]; do cat \"$dir/sample.plist\"; printf '\\0'; i=$((i+1)); done\n"
            + ending
            + "\n";
    Files.writeString(fake.executable, script);
    Files.setPosixFilePermissions(fake.executable, PosixFilePermissions.fromString("rwx------"));
    return fake;
  }

  /** One line per start: the arguments it was given. */
  List<String> starts() throws IOException {
    Path args = dir.resolve("args");
    return Files.exists(args) ? Files.readAllLines(args) : List.of();
  }

  long pid() throws IOException {
    return Long.parseLong(Files.readString(dir.resolve("pid")).strip());
  }

  /** Polls {@code condition} every 20 ms for up to 20 s: generous for a slow, shared machine. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}

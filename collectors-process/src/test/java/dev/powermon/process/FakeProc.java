package dev.powermon.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A procfs tree in a temp dir: {@code stat}, and per pid {@code stat}, {@code cmdline}, {@code
 * cgroup}.
 */
final class FakeProc {
  private final Path root;

  FakeProc(Path root) {
    this.root = root;
    cpu(0, 0);
  }

  Path root() {
    return root;
  }

  /** The host's {@code cpu} line: busy ticks all as user time, the rest idle; two CPUs. */
  FakeProc cpu(long busy, long idle) {
    write(
        root.resolve("stat"),
        "cpu  "
            + busy
            + " 0 0 "
            + idle
            + " 0 0 0 0 0 0\n"
            + "cpu0 0 0 0 0 0 0 0 0 0 0\ncpu1 0 0 0 0 0 0 0 0 0 0\nintr 0\nbtime 1700000000\n");
    return this;
  }

  /** A process with {@code utime + stime} CPU ticks (split 2:1), started at {@code start}. */
  FakeProc process(int pid, String comm, long ticks, long start) {
    long utime = ticks - ticks / 3;
    return stat(
        pid,
        pid
            + " ("
            + comm
            + ") S 1 "
            + pid
            + " "
            + pid
            + " 0 -1 4194560 100 0 0 0 "
            + utime
            + " "
            + (ticks - utime)
            + " 0 0 20 0 3 0 "
            + start
            + " 1000000 100 18446744073709551615\n");
  }

  /** Writes {@code /proc/<pid>/stat} as given, hostile or not. */
  FakeProc stat(int pid, String line) {
    write(root.resolve(Integer.toString(pid)).resolve("stat"), line);
    return this;
  }

  FakeProc cmdline(int pid, String... args) {
    write(root.resolve(Integer.toString(pid)).resolve("cmdline"), String.join("\0", args) + "\0");
    return this;
  }

  FakeProc cgroup(int pid, String text) {
    write(root.resolve(Integer.toString(pid)).resolve("cgroup"), text);
    return this;
  }

  /**
   * The pid's directory is removed, as when the process exits; its stat is emptied first, as the
   * kernel fails reads of an exited process's stat through a descriptor opened before.
   */
  FakeProc exit(int pid) {
    write(root.resolve(Integer.toString(pid)).resolve("stat"), "");
    try (Stream<Path> files = Files.walk(root.resolve(Integer.toString(pid)))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

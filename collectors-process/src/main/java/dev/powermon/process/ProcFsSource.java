package dev.powermon.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a procfs tree: the machine's {@code /proc}, a host's mounted at {@code /host/proc}, or a
 * test tree. Every read is bounded, so a hostile or corrupt file costs at most {@link #MAX_BYTES}.
 * Reads go through one reused buffer (thousands of small reads per interval), so an instance serves
 * one thread.
 */
final class ProcFsSource implements ProcSource {
  /**
   * Longer than any stat line or cgroup file seen; a longer cmdline is cut, which matching
   * tolerates.
   */
  static final int MAX_BYTES = 16 * 1024;

  private final Path root;
  private final ByteBuffer buffer = ByteBuffer.allocate(MAX_BYTES);

  ProcFsSource(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  @Override
  public List<Integer> pids() throws IOException {
    List<Integer> pids = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (isPid(name)) {
          pids.add(Integer.parseInt(name));
        }
      }
    }
    return pids;
  }

  @Override
  public String hostStat() throws IOException {
    return read(root.resolve("stat"));
  }

  @Override
  public String stat(int pid) throws IOException {
    return read(root.resolve(Integer.toString(pid)).resolve("stat"));
  }

  @Override
  public String cmdline(int pid) throws IOException {
    return read(root.resolve(Integer.toString(pid)).resolve("cmdline")).replace('\0', ' ').trim();
  }

  @Override
  public String cgroup(int pid) throws IOException {
    return read(root.resolve(Integer.toString(pid)).resolve("cgroup"));
  }

  private static boolean isPid(String name) {
    if (name.isEmpty() || name.length() > 9) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private String read(Path file) throws IOException {
    buffer.clear();
    try (FileChannel in = FileChannel.open(file)) {
      while (buffer.hasRemaining() && in.read(buffer) >= 0) {
        // procfs may hand a file out in several reads
      }
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }
}

package dev.powermon.rapl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real file reads, except for files whose path ends in a configured suffix: those fail with the
 * given exception, as the kernel would answer a non-root reader (tests run as root, where modes are
 * not enforced).
 */
final class FaultyFiles implements SysFiles {
  private final SysFiles real = new NioSysFiles();
  private final Map<String, IOException> failures = new ConcurrentHashMap<>();

  /** Reads of files whose path ends in {@code suffix} throw {@code e} until {@link #heal()}. */
  FaultyFiles fail(String suffix, IOException e) {
    failures.put(suffix, e);
    return this;
  }

  void heal() {
    failures.clear();
  }

  @Override
  public String read(Path file) throws IOException {
    check(file);
    return real.read(file);
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    check(dir);
    return real.list(dir);
  }

  @Override
  public byte[] readAt(Path file, long offset, int length) throws IOException {
    check(file);
    return real.readAt(file, offset, length);
  }

  private void check(Path file) throws IOException {
    for (Map.Entry<String, IOException> f : failures.entrySet()) {
      if (file.toString().endsWith(f.getKey())) {
        throw f.getValue();
      }
    }
  }
}

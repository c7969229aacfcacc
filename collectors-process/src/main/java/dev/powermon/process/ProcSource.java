package dev.powermon.process;

import java.io.IOException;

/**
 * The seam to the machine's process table: {@code /proc} on Linux ({@link ProcFsSource}, also
 * pointed at test trees). Each method is one small read; a pid that is gone throws {@link
 * java.nio.file.NoSuchFileException}.
 */
interface ProcSource {
  /** Every numeric entry of the process table, in no particular order. */
  int[] pids() throws IOException;

  /** {@code /proc/stat}. */
  String hostStat() throws IOException;

  /**
   * {@code /proc/<pid>/stat} into {@code into} (at least {@link ProcFsSource#MAX_BYTES} long), as
   * read: the number of bytes.
   */
  int stat(int pid, byte[] into) throws IOException;

  /** {@code /proc/<pid>/cmdline}, arguments separated by spaces; empty for kernel threads. */
  String cmdline(int pid) throws IOException;

  /** {@code /proc/<pid>/cgroup}. */
  String cgroup(int pid) throws IOException;
}

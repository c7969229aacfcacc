package dev.powermon.process;

import java.io.Closeable;
import java.io.IOException;

/**
 * The seam to the machine's process table: {@code /proc} on Linux ({@link ProcFsSource}, also
 * pointed at test trees), OSHI's process list on macOS and Windows ({@link PlatformProcSource}).
 * Each method is one small read; a pid that is gone throws {@link
 * java.nio.file.NoSuchFileException}. One walk calls {@link #pids()}, then {@link #stat} for each.
 */
interface ProcSource extends Closeable {
  /** Every process of the table now, in no particular order. */
  int[] pids() throws IOException;

  /** The host's CPU time so far ({@code /proc/stat}). */
  CpuTimes hostCpu() throws IOException, MalformedProcException;

  /** The process's {@code /proc/<pid>/stat} fields, into {@code into}. */
  void stat(int pid, PidStat into) throws IOException, MalformedProcException;

  /** {@code /proc/<pid>/cmdline}, arguments separated by spaces; empty for kernel threads. */
  String cmdline(int pid) throws IOException;

  /** {@code /proc/<pid>/cgroup}; empty where there are no cgroups. */
  String cgroup(int pid) throws IOException;

  /** Releases what the source keeps open between walks. */
  @Override
  default void close() {}
}

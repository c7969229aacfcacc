package dev.powermon.process;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a procfs tree: the machine's {@code /proc}, a host's mounted at {@code /host/proc}, or a
 * test tree. Every read is bounded, so a hostile or corrupt file costs at most {@link #MAX_BYTES}.
 * Reads go through one reused buffer (thousands of small reads per interval), so an instance serves
 * one thread.
 *
 * <p>Each process's {@code stat} is read once per interval, so its file is opened once and kept
 * open, and read again from offset 0 (procfs makes the text afresh on every read): one {@code
 * pread} per process instead of {@code open}, {@code read} and {@code close}, which is most of the
 * collector's cost. A kept file of a process that exited fails to read (ESRCH), so a pid the kernel
 * reused is opened afresh. At most a quarter of this JVM's descriptor limit is kept open; the
 * processes beyond it are opened for each read.
 */
final class ProcFsSource implements ProcSource {
  /**
   * Longer than any stat line or cgroup file seen; a longer cmdline is cut, which matching
   * tolerates.
   */
  static final int MAX_BYTES = 16 * 1024;

  private final Path root;
  private final String rootName;
  private final int keepAtMost;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_BYTES);

  /** The stat line as read, parsed in place. */
  private final byte[] line = new byte[MAX_BYTES];

  private final Map<Integer, Kept> kept = new HashMap<>();

  /** Counts the listings, so that the files of pids no longer listed are closed. */
  private long listing;

  ProcFsSource(Path root) {
    this(root, descriptorLimit() / 4);
  }

  /** With at most {@code keepAtMost} stat files kept open. */
  ProcFsSource(Path root, int keepAtMost) {
    this.root = root;
    this.rootName = root.toString();
    this.keepAtMost = keepAtMost;
  }

  Path root() {
    return root;
  }

  /** Stat files kept open now. */
  int keptOpen() {
    return kept.size();
  }

  @Override
  public int[] pids() throws IOException {
    // File.list gives names only: no Path object per entry
    String[] names = new File(rootName).list();
    if (names == null) {
      throw new NoSuchFileException(rootName, null, "not a readable directory");
    }
    closeUnlisted();
    int[] pids = new int[names.length];
    int n = 0;
    for (String name : names) {
      int pid = pid(name);
      if (pid > 0) {
        pids[n++] = pid;
      }
    }
    return Arrays.copyOf(pids, n);
  }

  @Override
  public CpuTimes hostCpu() throws IOException, MalformedProcException {
    return CpuStatParser.parse(text(root.resolve("stat")));
  }

  @Override
  public void stat(int pid, PidStat into) throws IOException, MalformedProcException {
    PidStatParser.parse(line, statBytes(pid), into);
  }

  /** {@code /proc/<pid>/stat} as read into {@link #line}: the number of bytes. */
  int statBytes(int pid) throws IOException {
    byte[] into = line;
    Kept file = kept.get(pid);
    if (file != null) {
      file.listing = listing;
      int n = readKept(file.channel, into);
      if (n > 0) {
        return n;
      }
      // gone (ESRCH, or a test tree's emptied file) or closed by an interrupt: open the pid anew
      kept.remove(pid);
      file.channel.close();
    }
    FileChannel channel = FileChannel.open(Path.of(rootName, Integer.toString(pid), "stat"));
    if (kept.size() < keepAtMost) {
      kept.put(pid, new Kept(channel, listing));
      return readOnce(channel, into);
    }
    try (channel) {
      return readOnce(channel, into);
    }
  }

  @Override
  public String cmdline(int pid) throws IOException {
    return text(root.resolve(Integer.toString(pid)).resolve("cmdline")).replace('\0', ' ').trim();
  }

  @Override
  public String cgroup(int pid) throws IOException {
    return text(root.resolve(Integer.toString(pid)).resolve("cgroup"));
  }

  /** Closes every kept file. */
  @Override
  public void close() {
    kept.values().forEach(k -> closeQuietly(k.channel));
    kept.clear();
  }

  /** The pid a directory name is, or 0 when it is not one ({@code self}, {@code sys}). */
  private static int pid(String name) {
    if (name.isEmpty() || name.length() > 9) {
      return 0;
    }
    int pid = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      pid = pid * 10 + (c - '0');
    }
    return pid;
  }

  /** Closes the files of pids not read since the previous listing: their processes exited. */
  private void closeUnlisted() {
    for (Iterator<Kept> it = kept.values().iterator(); it.hasNext(); ) {
      Kept k = it.next();
      if (k.listing != listing) {
        closeQuietly(k.channel);
        it.remove();
      }
    }
    listing++;
  }

  /** The bytes {@link #statBytes} read. */
  byte[] line() {
    return line;
  }

  /** A kept file's text from its start, or 0 bytes when it can no longer be read. */
  private int readKept(FileChannel channel, byte[] into) {
    try {
      return readOnce(channel, into);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * One {@code pread} from offset 0, up to {@link #MAX_BYTES}. procfs hands out a stat line whole
   * in one read when the buffer holds it (the kernel makes it in full, then copies what fits), so
   * no second read is spent on learning that the file ended; a longer one is cut, as the bound
   * wants anyway.
   */
  private int readOnce(FileChannel channel, byte[] into) throws IOException {
    buffer.clear();
    int length = Math.max(0, channel.read(buffer, 0));
    buffer.flip().get(into, 0, length);
    return length;
  }

  /** A whole small file, in as many reads as procfs needs, up to {@link #MAX_BYTES}. */
  private String text(Path file) throws IOException {
    buffer.clear();
    try (FileChannel channel = FileChannel.open(file)) {
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // procfs may hand a file out in several reads
      }
    }
    byte[] bytes = new byte[buffer.flip().remaining()];
    buffer.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // a read-only procfs file: nothing was written that a failed close could lose
    }
  }

  /** This JVM's limit of open descriptors, or 0 (keep none) where it cannot be told. */
  private static int descriptorLimit() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return (int) Math.min(Integer.MAX_VALUE, unix.getMaxFileDescriptorCount());
    }
    return 0;
  }

  /** A kept stat file, and the listing in which it was last read. */
  private static final class Kept {
    final FileChannel channel;
    long listing;

    Kept(FileChannel channel, long listing) {
      this.channel = channel;
      this.listing = listing;
    }
  }
}

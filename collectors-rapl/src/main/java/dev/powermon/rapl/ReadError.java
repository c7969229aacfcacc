package dev.powermon.rapl;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Why a read failed, as the {@code reason} label of {@code powermon_rapl_read_errors_total}. */
enum ReadError {
  /** Permission denied: {@code energy_uj} is root-only since CVE-2020-8694. */
  EACCES,
  /** The zone or file is gone (module unloaded, hot-unplug) or was never there. */
  ENOENT,
  /** The driver refused the read (seen on old kernels, node_exporter#2269). */
  EINVAL,
  /** Any other I/O failure, ENODATA included. */
  EIO,
  /** The read did not return within its deadline: a FIFO, a hung file system. */
  STUCK,
  /** The file was read but does not hold a non-negative whole number. */
  PARSE;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Classifies by exception type first, then by the errno text the JDK puts in the message. */
  static ReadError of(IOException e) {
    if (e instanceof MalformedReadingException) {
      return PARSE;
    }
    if (e instanceof StuckReadException) {
      return STUCK;
    }
    if (e instanceof AccessDeniedException) {
      return EACCES;
    }
    if (e instanceof NoSuchFileException) {
      return ENOENT;
    }
    String reason =
        e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
    String text = reason == null ? "" : reason;
    if (text.contains("Permission denied") || text.contains("Operation not permitted")) {
      return EACCES;
    }
    if (text.contains("No such file") || text.contains("No such device")) {
      return ENOENT;
    }
    if (text.contains("Invalid argument")) {
      return EINVAL;
    }
    return EIO;
  }
}

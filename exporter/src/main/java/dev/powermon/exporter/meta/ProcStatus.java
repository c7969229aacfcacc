package dev.powermon.exporter.meta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory from Linux's {@code /proc/self/status} ({@code VmRSS: 12345 kB}): read directly,
 * so process metrics on Linux need neither OSHI nor JNA (a smaller start, ~60 KB less garbage a
 * scrape).
 */
final class ProcStatus {
  /** The file is a few KB; anything past this is not the kernel's. */
  static final int MAX_BYTES = 16 * 1024;

  private static final String KEY = "VmRSS:";

  private final Path file;

  ProcStatus(Path file) {
    this.file = file;
  }

  /** Whether this is a Linux-like system with the file present. */
  boolean present() {
    return Files.isReadable(file);
  }

  /** Resident bytes, or empty when the file cannot be read or holds no usable VmRSS line. */
  OptionalLong residentBytes() {
    try (InputStream in = Files.newInputStream(file)) {
      return parseResidentBytes(new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The VmRSS line's value in bytes: a decimal number of kB; empty for anything else. */
  static OptionalLong parseResidentBytes(String status) {
    int at = status.startsWith(KEY) ? 0 : status.indexOf("\n" + KEY);
    if (at < 0) {
      return OptionalLong.empty();
    }
    int i = status.indexOf(KEY, at) + KEY.length();
    while (i < status.length() && (status.charAt(i) == ' ' || status.charAt(i) == '\t')) {
      i++;
    }
    long kib = 0;
    int digits = 0;
    for (;
        i < status.length() && Character.isDigit(status.charAt(i)) && status.charAt(i) < 128;
        i++) {
      if (++digits > 15) { // 10^15 kB: no process this side of the century
        return OptionalLong.empty();
      }
      kib = kib * 10 + (status.charAt(i) - '0');
    }
    if (digits == 0 || !status.startsWith(" kB", i)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(kib * 1024);
  }
}

package dev.powermon.exporter.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VmRSS from /proc/self/status: the kernel's layout, and everything that is not it. */
class ProcStatusTest {
  /** The shape of Linux 6.1's /proc/PID/status around VmRSS (fields abridged). */
  static final String STATUS =
      "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 2620876 kB\n"
          + "VmSize:\t 2555340 kB\nVmHWM:\t   71424 kB\nVmRSS:\t   69440 kB\nRssAnon:\t   40960 kB\nThreads:\t20\n";

  @Test
  void readsVmRssInKibibytesAsBytes() {
    assertThat(ProcStatus.parseResidentBytes(STATUS)).hasValue(69440L * 1024);
  }

  @Test
  void readsTheFileItWasGiven(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("status");
    Files.writeString(file, STATUS, StandardCharsets.US_ASCII);

    ProcStatus status = new ProcStatus(file);

    assertThat(status.present()).isTrue();
    assertThat(status.residentBytes()).hasValue(69440L * 1024);
    assertThat(new ProcStatus(dir.resolve("missing")).residentBytes()).isEmpty();
  }

  @Test
  void truncatedInputHasNoValue() {
    assertThat(ProcStatus.parseResidentBytes("Name:\tjava\nVmRSS:\t   694")).isEmpty();
    assertThat(ProcStatus.parseResidentBytes("Name:\tjava\nVmRSS:")).isEmpty();
    assertThat(ProcStatus.parseResidentBytes("")).isEmpty();
  }

  @Test
  void wronglyTypedValuesHaveNoValue() {
    assertThat(ProcStatus.parseResidentBytes("VmRSS:\t  -5 kB\n")).isEmpty();
    assertThat(ProcStatus.parseResidentBytes("VmRSS:\t  12.5 kB\n")).isEmpty();
    assertThat(ProcStatus.parseResidentBytes("VmRSS:\t  69440 MB\n")).isEmpty();
    assertThat(ProcStatus.parseResidentBytes("VmRSS:\t  ٣٤ kB\n")).isEmpty(); // non-ASCII digits
  }

  @Test
  void oversizedOrHostileValuesHaveNoValue() {
    assertThat(ProcStatus.parseResidentBytes("VmRSS:\t" + "9".repeat(40) + " kB\n")).isEmpty();
    // A key that only ends in VmRSS: is not the line.
    assertThat(ProcStatus.parseResidentBytes("XVmRSS:\t 10 kB\n")).isEmpty();
    assertThat(ProcStatus.parseResidentBytes("Name:\tVmRSS: 10 kB\n")).isEmpty();
    assertThat(ProcStatus.parseResidentBytes("VmRSS:\t 10 kB\n")).hasValue(10240);
  }

  @Test
  void aFileLargerThanTheCapIsReadOnlyUpToIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("status");
    Files.writeString(file, "Pad:\t" + "x".repeat(ProcStatus.MAX_BYTES) + "\nVmRSS:\t 10 kB\n");

    assertThat(new ProcStatus(file).residentBytes()).isEqualTo(OptionalLong.empty());
  }
}

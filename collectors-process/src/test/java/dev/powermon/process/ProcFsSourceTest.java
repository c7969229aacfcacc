package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsSourceTest {
  @TempDir Path dir;

  @Test
  void listsOnlyPidDirectories() throws Exception {
    for (String name :
        new String[] {"1", "4242", "self", "thread-self", "12abc", "sys", "1234567890"}) {
      Files.createDirectories(dir.resolve(name));
    }
    assertThat(new ProcFsSource(dir).pids()).containsExactlyInAnyOrder(1, 4242);
  }

  @Test
  void anOversizedFileIsCutAtTheBoundAndItsStatRefused() throws Exception {
    Files.createDirectories(dir.resolve("7"));
    Files.writeString(dir.resolve("7/stat"), "7 (" + "x".repeat(1_000_000) + ") S 1 2 3");
    ProcFsSource proc = new ProcFsSource(dir);
    byte[] line = new byte[ProcFsSource.MAX_BYTES];
    int length = proc.stat(7, line);
    assertThat(length).isEqualTo(ProcFsSource.MAX_BYTES);
    assertThatThrownBy(() -> PidStatParser.parse(line, length, new PidStat()))
        .isInstanceOf(MalformedProcException.class);
  }

  @Test
  void statFilesAreKeptOpenAndReadAfreshUpToTheBudget() throws Exception {
    FakeProc fake = new FakeProc(dir).process(1, "a", 10, 1).process(2, "b", 20, 2);
    fake.process(3, "c", 30, 3);
    ProcFsSource proc = new ProcFsSource(dir, 2);
    byte[] line = new byte[ProcFsSource.MAX_BYTES];
    assertThat(proc.pids()).containsExactlyInAnyOrder(1, 2, 3);
    for (int pid : new int[] {1, 2, 3}) {
      proc.stat(pid, line);
    }
    assertThat(proc.keptOpen()).isEqualTo(2); // the third is opened for each read
    fake.process(1, "a", 11, 1); // rewritten in place: the kept descriptor reads the new text
    String text = new String(line, 0, proc.stat(1, line), StandardCharsets.UTF_8);
    assertThat(text).startsWith("1 (a) S").contains(" 8 3 "); // 11 ticks split 2:1 → 8 + 3
    proc.close();
    assertThat(proc.keptOpen()).isZero();
  }

  @Test
  void anExitedProcessIsOpenedAfreshAndAnUnlistedOneClosed() throws Exception {
    FakeProc fake = new FakeProc(dir).process(1, "a", 10, 1).process(2, "b", 20, 2);
    ProcFsSource proc = new ProcFsSource(dir, 10);
    byte[] line = new byte[ProcFsSource.MAX_BYTES];
    proc.pids();
    proc.stat(1, line);
    proc.stat(2, line);
    // pid 1 exits and the kernel reuses it at once; pid 2 exits for good
    fake.exit(1).process(1, "reused", 0, 500).exit(2);
    assertThat(proc.pids()).containsExactly(1);
    String text = new String(line, 0, proc.stat(1, line), StandardCharsets.UTF_8);
    assertThat(text).startsWith("1 (reused) S");
    assertThat(proc.pids()).containsExactly(1);
    assertThat(proc.keptOpen()).as("pid 2's descriptor is closed").isEqualTo(1);
    assertThatThrownBy(() -> proc.stat(2, line)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void commandLineArgumentsAreJoinedBySpaces() throws Exception {
    new FakeProc(dir).cmdline(9, "qemu-system-x86_64", "-M", "microvm");
    assertThat(new ProcFsSource(dir).cmdline(9)).isEqualTo("qemu-system-x86_64 -M microvm");
  }

  @Test
  void aGonePidIsNoSuchFile() {
    assertThatThrownBy(() -> new ProcFsSource(dir).stat(31337, new byte[ProcFsSource.MAX_BYTES]))
        .isInstanceOf(NoSuchFileException.class);
  }
}

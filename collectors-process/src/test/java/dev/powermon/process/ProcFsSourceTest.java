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
    assertThat(proc.statBytes(7)).isEqualTo(ProcFsSource.MAX_BYTES);
    assertThatThrownBy(() -> proc.stat(7, new PidStat()))
        .isInstanceOf(MalformedProcException.class);
  }

  @Test
  void statFilesAreKeptOpenAndReadAfreshUpToTheBudget() throws Exception {
    FakeProc fake = new FakeProc(dir).process(1, "a", 10, 1).process(2, "b", 20, 2);
    fake.process(3, "c", 30, 3);
    ProcFsSource proc = new ProcFsSource(dir, 2);
    assertThat(proc.pids()).containsExactlyInAnyOrder(1, 2, 3);
    for (int pid : new int[] {1, 2, 3}) {
      proc.statBytes(pid);
    }
    assertThat(proc.keptOpen()).isEqualTo(2); // the third is opened for each read
    fake.process(1, "a", 11, 1); // rewritten in place: the kept descriptor reads the new text
    String text = new String(proc.line(), 0, proc.statBytes(1), StandardCharsets.UTF_8);
    assertThat(text).startsWith("1 (a) S").contains(" 8 3 "); // 11 ticks split 2:1 → 8 + 3
    proc.close();
    assertThat(proc.keptOpen()).isZero();
  }

  @Test
  void anExitedProcessIsOpenedAfreshAndAnUnlistedOneClosed() throws Exception {
    FakeProc fake = new FakeProc(dir).process(1, "a", 10, 1).process(2, "b", 20, 2);
    ProcFsSource proc = new ProcFsSource(dir, 10);
    proc.pids();
    proc.statBytes(1);
    proc.statBytes(2);
    // pid 1 exits and the kernel reuses it at once; pid 2 exits for good
    fake.exit(1).process(1, "reused", 0, 500).exit(2);
    assertThat(proc.pids()).containsExactly(1);
    String text = new String(proc.line(), 0, proc.statBytes(1), StandardCharsets.UTF_8);
    assertThat(text).startsWith("1 (reused) S");
    assertThat(proc.pids()).containsExactly(1);
    assertThat(proc.keptOpen()).as("pid 2's descriptor is closed").isEqualTo(1);
    assertThatThrownBy(() -> proc.statBytes(2)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void commandLineArgumentsAreJoinedBySpaces() throws Exception {
    new FakeProc(dir).cmdline(9, "qemu-system-x86_64", "-M", "microvm");
    assertThat(new ProcFsSource(dir).cmdline(9)).isEqualTo("qemu-system-x86_64 -M microvm");
  }

  @Test
  void aGonePidIsNoSuchFile() {
    assertThatThrownBy(() -> new ProcFsSource(dir).statBytes(31337))
        .isInstanceOf(NoSuchFileException.class);
  }
}

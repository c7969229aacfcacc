package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    String text = proc.stat(7);
    assertThat(text).hasSize(ProcFsSource.MAX_BYTES);
    assertThatThrownBy(() -> PidStatParser.parse(text)).isInstanceOf(MalformedProcException.class);
  }

  @Test
  void commandLineArgumentsAreJoinedBySpaces() throws Exception {
    new FakeProc(dir).cmdline(9, "qemu-system-x86_64", "-M", "microvm");
    assertThat(new ProcFsSource(dir).cmdline(9)).isEqualTo("qemu-system-x86_64 -M microvm");
  }

  @Test
  void aGonePidIsNoSuchFile() {
    assertThatThrownBy(() -> new ProcFsSource(dir).stat(31337))
        .isInstanceOf(NoSuchFileException.class);
  }
}

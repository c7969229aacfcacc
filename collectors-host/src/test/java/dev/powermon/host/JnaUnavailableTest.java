package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing, in a child JVM: JNA is told to unpack its library under a path that cannot be a
 * directory (as a read-only root or noexec /tmp leave it nowhere to go), and the real OSHI source
 * fails.
 */
class JnaUnavailableTest {
  private static final String ADVICE = "-Djna.tmpdir=<a writable directory that allows exec>";

  @Test
  void aJvmWhoseJnaCannotUnpackGetsOneLineNamingJnaTmpdirFromProbeAndOpen(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Djna.nosys=true", // never a libjnidispatch the machine happens to have installed
                "-Djna.tmpdir=" + file.resolve("jna"),
                JnaUnavailableMain.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD) // JNA's own java.util.logging warning
            .start();
    List<String> lines;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      lines = out.lines().limit(1000).toList();
    }
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).isZero();

    assertThat(lines)
        .filteredOn(l -> l.startsWith("probe: "))
        .singleElement()
        .asString()
        .startsWith(
            "probe: reading the host through OSHI failed: JNA cannot load its native library (")
        .contains("read-only filesystem or mounted noexec")
        .endsWith(ADVICE);
    assertThat(lines)
        .filteredOn(l -> l.startsWith("open: "))
        .singleElement()
        .asString()
        .startsWith(
            "open: reading the host through OSHI failed: JNA cannot load its native library (")
        .endsWith(ADVICE);
    assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread"));
  }
}

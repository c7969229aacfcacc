package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JAR where nothing can be written to a temporary directory, as in the shipped container
 * (read-only root, noexec /tmp): JNA cannot unpack its native library. The tests run as root, for
 * whom permissions do not stop a write, so every temporary path points below a regular file
 * instead.
 */
class ReadOnlyTempTest {
  private static final String RAPL_TOTAL = "powermon_power_watts{device=";

  @Test
  void withoutATempDirectoryRaplAndTheProcessMetricsServeWithoutJna(@TempDir Path dir)
      throws Exception {
    try (PowercapTree tree = PowercapTree.start(dir.resolve("sys"));
        PowermonJar powermon = start(dir, List.of(), tree)) {
      String scrape = powermon.scrape();
      String log = powermon.output();

      assertThat(scrape)
          .as(log)
          .contains("powermon_collector_success{collector=\"rapl\"} 1.0")
          .containsPattern(
              Pattern.quote(RAPL_TOTAL) + "[^}]*domain=\"total\"[^}]*source=\"rapl\"} ")
          .contains("process_resident_memory_bytes ") // on Linux from /proc, no JNA needed
          .contains("jvm_memory_used_bytes{area=\"heap\"}");
      assertThat(log)
          .doesNotContain("jna.tmpdir")
          .doesNotContain("process metrics (process_*) are unavailable")
          .doesNotContain("\tat ")
          .doesNotContain("Exception in thread");
    }
  }

  @Test
  void theNativeLibraryUnpackedAsTheImageDoesNeedsNoTempDirectory(@TempDir Path dir)
      throws Exception {
    Path nativeDir = Files.createDirectories(dir.resolve("native"));
    unpackJnaLibrary(nativeDir);

    try (PowercapTree tree = PowercapTree.start(dir.resolve("sys"));
        PowermonJar powermon = start(dir, List.of("-Djna.boot.library.path=" + nativeDir), tree)) {
      String scrape = powermon.scrape();

      assertThat(scrape)
          .as(powermon.log())
          .contains("process_resident_memory_bytes ")
          .contains("powermon_collector_success{collector=\"rapl\"} 1.0");
      assertThat(powermon.output()).doesNotContain("jna.tmpdir");
    }
  }

  /**
   * rapl on {@code tree}, named by its setting only; java.io.tmpdir, the home and jna.tmpdir
   * unusable.
   */
  private static PowermonJar start(Path dir, List<String> jvmFlags, PowercapTree tree)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("not-a-directory"), "nothing can be created below a regular file\n");
    List<String> flags =
        new ArrayList<>(
            List.of(
                "-Djava.io.tmpdir=" + file.resolve("tmp"),
                "-Duser.home=" + file.resolve("home"),
                "-Djna.tmpdir=" + file.resolve("jna")));
    flags.addAll(jvmFlags);
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    return PowermonJar.start(
        dir,
        config,
        flags,
        Map.of(
            "HOME",
            file.resolve("home").toString(),
            "XDG_CACHE_HOME",
            file.resolve("cache").toString()),
        List.of("--collector.rapl.sysfs=" + tree.sysfs()));
  }

  /**
   * What the Dockerfile does: JNA's library for this machine, out of the JAR, into {@code target}.
   */
  private static void unpackJnaLibrary(Path target) throws Exception {
    String platform =
        switch (System.getProperty("os.arch")) {
          case "amd64", "x86_64" -> "linux-x86-64";
          case "aarch64" -> "linux-aarch64";
          default ->
              throw new IllegalStateException(
                  "no JNA platform for " + System.getProperty("os.arch"));
        };
    try (ZipFile jar = new ZipFile(PowermonJar.jar().toFile())) {
      ZipEntry entry = jar.getEntry("com/sun/jna/" + platform + "/libjnidispatch.so");
      assertThat(entry).as("JNA's library for " + platform + " in the JAR").isNotNull();
      try (InputStream in = jar.getInputStream(entry)) {
        Files.copy(in, target.resolve("libjnidispatch.so"));
      }
    }
  }
}

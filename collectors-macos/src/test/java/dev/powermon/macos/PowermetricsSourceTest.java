package dev.powermon.macos;

import static dev.powermon.macos.FakePowermetrics.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class PowermetricsSourceTest {
  @TempDir Path dir;
  private final FakeReadings readings = new FakeReadings();
  private final SampleLog ledger = readings.log();

  private PowermetricsSource source(FakePowermetrics fake) {
    return new PowermetricsSource(
        fake.executable,
        Duration.ofMillis(250),
        Duration.ofMillis(10),
        System::nanoTime,
        LoggerFactory.getLogger("test"),
        new dev.powermon.testkit.RecordedProblems());
  }

  private int starts(FakePowermetrics fake) {
    try {
      return fake.starts().size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void readsNulSeparatedSamplesAndRestartsWhenTheProcessDies() throws Exception {
    // two samples, then half a document, a complaint on stderr, and death
    FakePowermetrics fake =
        FakePowermetrics.write(
            dir,
            2,
            "printf '<?xml version=\"1.0\"?><plist><dict><key>elap'; echo 'fake: dying' >&2; exit 3");
    try (PowermetricsSource source = source(fake)) {
      source.start(ledger);
      assertThat(eventually(() -> starts(fake) >= 3 && ledger.view().restarts() >= 2)).isTrue();
    }
    assertThat(fake.starts().get(0))
        .isEqualTo("--samplers cpu_power,gpu_power,ane_power -i 250 -f plist");
    SampleLog.View v = ledger.view();
    // every sample of every run is a reading of cpu_power 1311.96 mW; two finished runs printed at
    // least 4
    // samples (close may cut a third run short); each death leaves a cut-off document, counted as
    // truncated
    assertThat(readings.watts("cpu")).hasSizeGreaterThanOrEqualTo(4).containsOnly(1.31196);
    assertThat(v.rejected().get("truncated")).isGreaterThanOrEqualTo(v.restarts());
    assertThat(v.watts().get("total")).isEqualTo(1.51602);
  }

  @Test
  void aProcessThatFailsAtOnceNamesItsComplaint() throws Exception {
    FakePowermetrics fake =
        FakePowermetrics.write(
            dir, 0, "echo 'powermetrics must be invoked as the superuser' >&2; exit 1");
    try (PowermetricsSource source = source(fake)) {
      source.start(ledger);
      assertThat(eventually(() -> source.problem().isPresent())).isTrue();
      assertThat(source.problem().get())
          .startsWith(
              fake.executable
                  + " exited with status 1: powermetrics must be invoked as the superuser; restarting in ");
    }
    assertThat(ledger.view().lastSampleNanos()).isEmpty();
  }

  @Test
  void aMissingExecutableIsAProblemNotACrash() throws Exception {
    Path missing = dir.resolve("nope");
    try (PowermetricsSource source =
        new PowermetricsSource(
            missing,
            Duration.ofSeconds(1),
            Duration.ofMillis(10),
            System::nanoTime,
            LoggerFactory.getLogger("test"),
            new dev.powermon.testkit.RecordedProblems())) {
      source.start(ledger);
      assertThat(eventually(() -> source.problem().isPresent())).isTrue();
      assertThat(source.problem().get()).startsWith("cannot run " + missing);
    }
  }

  @Test
  void closeEndsTheChildProcess() throws Exception {
    FakePowermetrics fake = FakePowermetrics.write(dir, 1, "exec sleep 60");
    PowermetricsSource source = source(fake);
    source.start(ledger);
    assertThat(eventually(() -> ledger.view().lastSampleNanos().isPresent())).isTrue();
    ProcessHandle child = ProcessHandle.of(fake.pid()).orElseThrow();
    source.close();
    assertThat(eventually(() -> !child.isAlive())).isTrue();
    assertThat(ledger.view().restarts()).isZero();
    assertThat(fake.starts()).hasSize(1);
  }
}

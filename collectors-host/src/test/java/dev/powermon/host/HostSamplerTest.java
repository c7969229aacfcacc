package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.powermon.host.HostSource.HostSample;
import dev.powermon.host.HostSource.Ticks;
import dev.powermon.testkit.TestContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The sampler driven by hand: scripted ticks, a fake monotonic clock, no scheduler. */
class HostSamplerTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Logger log = (Logger) LoggerFactory.getLogger("test.host.sampler");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void captureLog() {
    logged.start();
    log.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    log.detachAppender(logged);
  }

  /** Returns the given CPU ticks one per sample, or throws while {@code failure} is set. */
  private static final class ScriptedSource implements HostSource {
    final Deque<Ticks> ticks;
    RuntimeException failure;

    ScriptedSource(Ticks... ticks) {
      this.ticks = new ArrayDeque<>(List.of(ticks));
    }

    @Override
    public CpuInfo cpuInfo() {
      return FakeHostSource.CPU;
    }

    @Override
    public HostSample sample(boolean perCore) {
      if (failure != null) {
        throw failure;
      }
      return new HostSample(ticks.remove(), List.of(), 100, 40, List.of(), List.of(), 10);
    }
  }

  private HostSampler sampler(HostSource source, PowerEstimate estimate) {
    return new HostSampler(source, false, estimate, nanos::get, log, reading -> {});
  }

  @Test
  void eachWindowsEstimateFollowsItsLoad() {
    ScriptedSource source =
        new ScriptedSource(new Ticks(0, 0), new Ticks(50, 100), new Ticks(50, 300));
    HostSampler sampler = sampler(source, new PowerEstimate(13, 65));
    sampler.run();
    assertThat(sampler.latest().estimateWatts()).isNaN(); // one sample: no window yet

    nanos.addAndGet(1_000_000_000L);
    sampler.run();
    // load 50/100 = 0.5 -> 13 + 52 x 0.5 = 39 W over the window
    assertThat(sampler.latest().cpuUtilization()).isEqualTo(0.5);
    assertThat(sampler.latest().estimateWatts()).isEqualTo(39.0);

    nanos.addAndGet(2_000_000_000L);
    sampler.run();
    // load 0/200 = 0 -> 13 W
    assertThat(sampler.latest().estimateWatts()).isEqualTo(13.0);
  }

  @Test
  void withoutEstimateThereIsNoEstimate() {
    HostSampler sampler = sampler(new ScriptedSource(new Ticks(0, 0), new Ticks(50, 100)), null);
    sampler.run();
    nanos.addAndGet(1_000_000_000L);
    sampler.run();
    assertThat(sampler.latest().cpuUtilization()).isEqualTo(0.5);
    assertThat(sampler.latest().estimateWatts()).isNaN();
  }

  @Test
  void failureIsLoggedOnceKeepsTheLastReadingAndRecoveryIsLoggedOnce() {
    ScriptedSource source = new ScriptedSource(new Ticks(0, 0), new Ticks(10, 100));
    HostSampler sampler = sampler(source, new PowerEstimate(1, 2));
    sampler.run();
    source.failure = new IllegalStateException("/proc/stat: permission denied");
    sampler.run();
    sampler.run();
    sampler.run();
    assertThat(sampler.failure()).contains("/proc/stat: permission denied");
    assertThat(sampler.latest().sample().uptimeSeconds()).isEqualTo(10);
    source.failure = null;
    sampler.run();
    assertThat(sampler.failure()).isNull();
    assertThat(logged.list)
        .extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.WARN, Level.INFO);
  }

  @Test
  void aNativeLinkFailureIsASampleFailureNotTheEndOfTheSchedule() {
    HostSource unlinked =
        new HostSource() {
          @Override
          public CpuInfo cpuInfo() {
            return FakeHostSource.CPU;
          }

          @Override
          public HostSample sample(boolean perCore) {
            throw new UnsatisfiedLinkError("Error looking up function 'sysinfo'");
          }
        };
    HostSampler sampler = sampler(unlinked, null);
    sampler.run(); // returns normally, so the scheduler keeps running it
    assertThat(sampler.failure()).contains("sysinfo").contains("-Djna.tmpdir").doesNotContain("\n");
    assertThat(sampler.latest()).isNull();
  }

  @Test
  void collectThrowsWhileTheSourceFailsAndWhenTheReadingIsStale() throws Exception {
    ScriptedSource source = new ScriptedSource(new Ticks(0, 0));
    HostProvider provider = new HostProvider(() -> source);
    try (TestContext ctx = TestContext.forProvider(provider).build()) {
      HostSettings settings = new HostSettings(ctx.settings());
      // a reading taken an hour before the context's clock: the sampler has stopped
      HostSampler sampler =
          new HostSampler(
              source,
              false,
              null,
              () -> System.nanoTime() - 3_600_000_000_000L,
              log,
              reading -> {});
      HostCollector collector =
          new HostCollector(
              ctx,
              FakeHostSource.CPU,
              sampler,
              settings,
              false,
              ctx.scheduler().schedule(() -> {}, 1, TimeUnit.HOURS));
      assertThatIllegalStateException()
          .isThrownBy(collector::collect)
          .withMessageContaining("no host sample yet");
      sampler.run();
      assertThatIllegalStateException()
          .isThrownBy(collector::collect)
          .withMessageContaining("s old");
      source.failure = new IllegalStateException("udev gone");
      sampler.run();
      assertThatIllegalStateException()
          .isThrownBy(collector::collect)
          .withMessageContaining("udev gone");
      collector.close();
    }
  }
}

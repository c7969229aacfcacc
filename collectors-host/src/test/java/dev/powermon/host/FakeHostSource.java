package dev.powermon.host;

import dev.powermon.api.BatteryPower;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host whose CPU advances by {@code busyPerSample} of {@code totalPerSample} ticks on every
 * sample, so utilisation is the same between any two samples however many the scheduler takes.
 */
final class FakeHostSource implements HostSource {
  static final CpuInfo CPU = new CpuInfo("Fake CPU 3000", "FakeVendor", 1, 2, 4);

  private final long busyPerSample;
  private final long totalPerSample;
  private final AtomicInteger samples = new AtomicInteger();
  private volatile List<BatteryPower.Reading> batteries = List.of();
  private volatile RuntimeException failure;

  FakeHostSource(long busyPerSample, long totalPerSample) {
    this.busyPerSample = busyPerSample;
    this.totalPerSample = totalPerSample;
  }

  FakeHostSource batteries(BatteryPower.Reading... readings) {
    this.batteries = List.of(readings);
    return this;
  }

  /** Makes every following sample throw {@code e}; null makes them work again. */
  void failWith(RuntimeException e) {
    this.failure = e;
  }

  int samples() {
    return samples.get();
  }

  @Override
  public CpuInfo cpuInfo() {
    return CPU;
  }

  @Override
  public HostSample sample(boolean perCore) {
    if (failure != null) {
      throw failure;
    }
    int n = samples.incrementAndGet();
    Ticks cpu = new Ticks(n * busyPerSample, n * totalPerSample);
    List<Ticks> cores = new ArrayList<>();
    if (perCore) {
      // core 0 always busy, core 1 never: 1.0 and 0.0 whatever the window
      cores.add(new Ticks(n * 10L, n * 10L));
      cores.add(new Ticks(0, n * 10L));
    }
    return new HostSample(
        cpu,
        cores,
        8_000_000_000L,
        6_000_000_000L,
        List.of(
            new InterfaceCounters("lo", 1000L * n, 1000L * n),
            new InterfaceCounters("eth0", -1L, 42L)),
        batteries,
        3600 + n);
  }
}

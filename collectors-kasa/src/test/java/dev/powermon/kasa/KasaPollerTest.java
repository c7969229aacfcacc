package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.Fleet;
import dev.powermon.kasa.sim.SimulatedDevice;
import dev.powermon.net.Deadline;
import dev.powermon.net.HostPort;
import dev.powermon.testkit.TestContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KasaPollerTest {
  private static final String NEW = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900002";

  @Test
  void aCycleDoesNotStartWhileThePreviousOneRuns() throws Exception {
    try (Fleet fleet = Fleet.start("plug-new");
        TestContext context = TestContext.forProvider(new KasaProvider()).build();
        KasaPoller poller = new KasaPoller(Duration.ofMillis(800), 4, new XorSource(), context)) {
      fleet.get(0).fault(Fault.NEVER_ANSWERS);
      poller.add(HostPort.parse(fleet.get(0).target(), 9999));
      CompletableFuture<Void> first = poller.pollAll();
      CompletableFuture<Void> second = poller.pollAll();
      assertThat(second).isSameAs(first);
      first.get(30, TimeUnit.SECONDS);
      assertThat(fleet.get(0).connections()).isEqualTo(1);
      assertThat(poller.states()).singleElement().satisfies(s -> assertThat(s.ok()).isFalse());
      assertThat(poller.lastCycleSeconds()).isPositive();
      assertThat(poller.pollAll()).isNotSameAs(first); // the next tick starts a new cycle
    }
  }

  @Test
  void newAndFailingDevicesDoNotQueueBehindEachOtherForThePool() throws Exception {
    try (Fleet fleet = Fleet.start("plug-new", "plug-new", "plug-new");
        TestContext context = TestContext.forProvider(new KasaProvider()).build();
        // one pool thread: three devices of unknown health would be polled one after the other
        KasaPoller poller = new KasaPoller(Duration.ofSeconds(2), 1, new XorSource(), context)) {
      for (SimulatedDevice device : fleet.devices()) {
        device.fault(Fault.NEVER_ANSWERS); // each holds its poll for the whole timeout
        poller.add(HostPort.parse(device.target(), 9999));
      }
      assertAllReachedBeforeAnyPollEnds(poller, fleet, 3); // new: the first cycle
      assertAllReachedBeforeAnyPollEnds(poller, fleet, 6); // failed last time: the second
    }
  }

  /**
   * Runs a cycle and checks that every device of {@code fleet} had a connection open (the fleet's
   * count reached {@code connections}) before any poll of the cycle ended.
   */
  private static void assertAllReachedBeforeAnyPollEnds(
      KasaPoller poller, Fleet fleet, int connections) throws Exception {
    List<DeviceState> before = poller.states();
    CompletableFuture<Void> cycle = poller.pollAll();
    int connected = 0;
    List<DeviceState> meanwhile = before;
    for (int i = 0; i < 6000 && connected < connections && !cycle.isDone(); i++) {
      Thread.sleep(5);
      meanwhile = poller.states(); // read first: a poll ends after it connected
      connected = fleet.devices().stream().mapToInt(SimulatedDevice::connections).sum();
    }
    assertThat(connected).isEqualTo(connections);
    assertThat(meanwhile).as("polls ended before the last device was reached").isEqualTo(before);
    cycle.get(30, TimeUnit.SECONDS);
    assertThat(poller.states()).hasSize(3).noneMatch(DeviceState::ok);
  }

  @Test
  void aRemovedDeviceIsForgotten() throws Exception {
    try (Fleet fleet = Fleet.start("plug-new");
        TestContext context = TestContext.forProvider(new KasaProvider()).build();
        KasaPoller poller = new KasaPoller(Duration.ofSeconds(2), 4, new XorSource(), context)) {
      HostPort target = HostPort.parse(fleet.get(0).target(), 9999);
      poller.add(target);
      poller.pollAll().get(30, TimeUnit.SECONDS);
      assertThat(poller.states()).hasSize(1);
      poller.remove(target.label());
      assertThat(poller.states()).isEmpty();
      assertThat(poller.labels()).isEmpty();
    }
  }

  @Test
  void logsWhenADeviceStartsFailingAndWhenItRecoversNotEveryPoll() throws Exception {
    try (CapturedLog log = new CapturedLog();
        Fleet fleet = Fleet.start("plug-new");
        TestContext context = TestContext.forProvider(new KasaProvider()).build();
        // 1 s: long enough for a healthy poll on a loaded machine, short for the dead ones
        KasaPoller poller = new KasaPoller(Duration.ofSeconds(1), 4, new XorSource(), context)) {
      HostPort target = HostPort.parse(fleet.get(0).target(), 9999);
      poller.add(target);
      poller.pollAll().get(30, TimeUnit.SECONDS);
      fleet.get(0).fault(Fault.NEVER_ANSWERS);
      poller.pollAll().get(30, TimeUnit.SECONDS);
      poller.pollAll().get(30, TimeUnit.SECONDS);
      fleet.get(0).fault(Fault.NONE);
      poller.pollAll().get(30, TimeUnit.SECONDS);
      poller.pollAll().get(30, TimeUnit.SECONDS);
      String key = "kasa device " + target.label() + ": ";
      assertThat(log.messages())
          .satisfiesExactly(
              first ->
                  assertThat(first).isEqualTo(key + "answers: KP115(EU) \"Desk\" (id " + NEW + ")"),
              failed ->
                  assertThat(failed)
                      .startsWith(
                          key
                              + "failed (no complete reply within 1000 ms); its readings are "
                              + "withheld (kasa_scrape_success 0)"),
              back ->
                  assertThat(back).isEqualTo(key + "answers: KP115(EU) \"Desk\" (id " + NEW + ")"));
      assertThat(context.readings("kasa").forgotten()).containsExactly(NEW);
      assertThat(context.readings("kasa").of(NEW, "total")).hasSize(3);
    }
  }

  @Test
  void aPollCutShortByCloseLogsNothingAndKeepsNothing() throws Exception {
    // A poll under way when the poller closes ends later (a socket read is not interruptible);
    // it must not log into whatever runs next in this JVM, nor keep its outcome.
    try (CapturedLog log = new CapturedLog();
        Fleet fleet = Fleet.start("plug-new");
        TestContext context = TestContext.forProvider(new KasaProvider()).build()) {
      fleet.get(0).fault(Fault.NEVER_ANSWERS);
      KasaPoller poller = new KasaPoller(Duration.ofSeconds(20), 4, new XorSource(), context);
      poller.add(HostPort.parse(fleet.get(0).target(), 9999));
      CompletableFuture<Void> cycle = poller.pollAll();
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (fleet.get(0).requests().isEmpty() && System.nanoTime() < giveUp) {
        Thread.sleep(5); // bounded: until the poll waits for its reply
      }
      assertThat(fleet.get(0).requests()).isNotEmpty();
      poller.close();
      fleet.close(); // the device hangs up: the poll fails now, after close
      assertThat(poller.pool().awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      cycle.get(30, TimeUnit.SECONDS);
      assertThat(log.messages()).isEmpty();
      assertThat(poller.states()).isEmpty();
    }
  }

  @Test
  void aProbeThatFindsTheDeviceBusyLeavesItsKeptStateAlone() throws Exception {
    // The cycle's poll holds the device (its source waits for a latch) for longer than the
    // timeout the probe waits for it: the probe fails, and that is no news about the device.
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    XorSource xor = new XorSource();
    KasaSource holding =
        new KasaSource() {
          @Override
          public Channel open(InetSocketAddress address, Duration requestTimeout, Deadline whole)
              throws IOException {
            entered.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return xor.open(address, requestTimeout, whole);
          }

          @Override
          public String transport() {
            return "xor";
          }
        };
    try (Fleet fleet = Fleet.start("plug-new");
        TestContext context = TestContext.forProvider(new KasaProvider()).build();
        KasaPoller poller = new KasaPoller(Duration.ofMillis(300), 2, holding, context)) {
      HostPort target = HostPort.parse(fleet.get(0).target(), 9999);
      poller.add(target);
      CompletableFuture<Void> cycle = poller.pollAll();
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> poller.probe(target))
          .isInstanceOf(IOException.class)
          .hasMessage(
              target.label()
                  + ": being polled by the background cycle for longer than the timeout");
      assertThat(poller.states()).isEmpty(); // the cycle's poll reports, not the probe
      assertThat(context.readings("kasa").forgotten()).isEmpty();
      release.countDown();
      cycle.get(30, TimeUnit.SECONDS);
      assertThat(poller.states()).hasSize(1);
    }
  }
}

package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.Fleet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class KasaPollerTest {
  @Test
  void aCycleDoesNotStartWhileThePreviousOneRuns() throws Exception {
    try (Fleet fleet = Fleet.start("plug-new");
        KasaPoller poller = new KasaPoller(Duration.ofMillis(800), 4, new XorTransport(), LoggerFactory.getLogger("test"))) {
      fleet.get(0).fault(Fault.NEVER_ANSWERS);
      poller.add(Target.parse(fleet.get(0).target(), 9999));
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
  void aRemovedDeviceIsForgotten() throws Exception {
    try (Fleet fleet = Fleet.start("plug-new");
        KasaPoller poller = new KasaPoller(Duration.ofSeconds(2), 4, new XorTransport(), LoggerFactory.getLogger("test"))) {
      Target target = Target.parse(fleet.get(0).target(), 9999);
      poller.add(target);
      poller.pollAll().get(30, TimeUnit.SECONDS);
      assertThat(poller.states()).hasSize(1);
      poller.remove(target.label());
      assertThat(poller.states()).isEmpty();
      assertThat(poller.labels()).isEmpty();
    }
  }
}

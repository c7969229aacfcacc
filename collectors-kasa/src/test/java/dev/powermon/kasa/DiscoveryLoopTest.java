package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.net.HostPort;
import dev.powermon.testkit.TestContext;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** How sweeps feed the poller, with sweeps replayed from a list instead of the network. */
class DiscoveryLoopTest {
  private final Deque<Object> sweeps = new ArrayDeque<>();
  private final TestContext context = TestContext.forProvider(new KasaProvider()).build();
  private final KasaPoller poller =
      new KasaPoller(Duration.ofSeconds(1), 1, new XorSource(), context);

  @AfterEach
  void close() throws InterruptedException {
    poller.close();
    context.close();
  }

  private DiscoveryLoop loop(Set<String> staticTargets) {
    return new DiscoveryLoop(
        () -> {
          Object next = sweeps.removeFirst();
          if (next instanceof IOException) {
            throw (IOException) next;
          }
          return (Discovery.Result) next;
        },
        poller,
        9999,
        staticTargets,
        d -> new XorSource(),
        LoggerFactory.getLogger(DiscoveryLoopTest.class));
  }

  private static Discovery.Result found(String... addresses) throws IOException {
    Set<InetAddress> legacy = new LinkedHashSet<>();
    for (String a : addresses) {
      legacy.add(InetAddress.getByName(a));
    }
    return new Discovery.Result(legacy, Map.of());
  }

  @Test
  void aDeviceMissingFromThreeSweepsInARowIsDroppedButTargetsStay() throws IOException {
    poller.add(new HostPort("127.0.0.5", 9999));
    DiscoveryLoop loop = loop(Set.of("127.0.0.5:9999"));
    sweeps.add(found("127.0.0.5", "127.0.0.6"));
    sweeps.add(found());
    sweeps.add(found());
    sweeps.add(new IOException("network unreachable")); // a failed sweep counts as no sweep
    sweeps.add(found());
    loop.run();
    assertThat(poller.labels()).containsExactly("127.0.0.5:9999", "127.0.0.6:9999");
    loop.run();
    loop.run();
    loop.run();
    assertThat(poller.labels()).containsExactly("127.0.0.5:9999", "127.0.0.6:9999");
    loop.run(); // third sweep in a row without 127.0.0.6
    assertThat(poller.labels()).containsExactly("127.0.0.5:9999");
  }

  @Test
  void unsupportedDevicesAreListedUntilTheyAnswerTheLegacyProbe() throws IOException {
    DiscoveryLoop loop = loop(Set.of());
    InetAddress klap = InetAddress.getByName("127.0.0.7");
    KlapDevice device =
        new KlapDevice(
            "127.0.0.7", "P110M(EU)", "ID", "TPAP", "SMART.TAPOPLUG", 80, 2, false, false);
    sweeps.add(new Discovery.Result(Set.of(), Map.of(klap, device)));
    sweeps.add(found("127.0.0.7"));
    loop.run();
    assertThat(loop.klapOnly()).containsExactly(device);
    assertThat(poller.labels()).isEmpty();
    loop.run();
    assertThat(loop.klapOnly()).isEmpty();
    assertThat(poller.labels()).isEqualTo(List.of("127.0.0.7:9999"));
  }

  @Test
  void klapDevicesArePolledOnTheirHttpPortAndDroppedLikeOthers() throws IOException {
    DiscoveryLoop loop = loop(Set.of());
    KlapDevice device =
        new KlapDevice("127.0.0.8", "P110", "ID8", "KLAP", "SMART.TAPOPLUG", 8080, 2, false, false);
    sweeps.add(new Discovery.Result(Set.of(), Map.of(InetAddress.getByName("127.0.0.8"), device)));
    sweeps.add(found());
    sweeps.add(found());
    sweeps.add(found());
    loop.run();
    assertThat(loop.klapOnly()).isEmpty();
    assertThat(poller.labels()).containsExactly("127.0.0.8:8080");
    loop.run();
    loop.run();
    loop.run();
    assertThat(poller.labels()).isEmpty();
  }
}

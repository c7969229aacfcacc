package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Collector;
import dev.powermon.api.MultiTargetCollector;
import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.SimulatedAesDevice;
import dev.powermon.kasa.sim.SimulatedDevice;
import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.kasa.sim.SmartProfile;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Targets written host:port: legacy when the port accepts, else KLAP, else AES on http-port. */
class ProbingSourceTest {
  private static final String NEW = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900002";

  /** A port on 127.0.0.1 that refuses connections (taken, then released). */
  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static MetricValues scrape(String target, int httpPort, TestContextHolder holder)
      throws Exception {
    holder.context =
        TestContext.forProvider(new KasaProvider())
            .setting("target", target)
            .setting("http-port", String.valueOf(httpPort))
            .setting("poll-interval", "1h")
            .setting("timeout", "2s")
            .build();
    holder.collector = new KasaProvider().open(holder.context);
    return MetricValues.of(holder.collector.collect());
  }

  /** What a test opened, closed at its end. */
  private static final class TestContextHolder implements AutoCloseable {
    TestContext context;
    Collector collector;

    @Override
    public void close() throws Exception {
      if (collector != null) {
        collector.close();
      }
      if (context != null) {
        context.close();
      }
    }
  }

  @Test
  void aLegacyPortThatAcceptsMeansTheLegacyProtocol() throws Exception {
    try (SimulatedDevice plug =
            SimulatedDevice.start(
                DeviceProfile.load("plug-new"), InetAddress.getByName("127.0.0.1"), 0);
        TestContextHolder h = new TestContextHolder()) {
      MetricValues m = scrape(plug.target(), closedPort(), h);
      assertThat(m.value("kasa_device_power_watts", "device_id", NEW)).isEqualTo(61.25);
      assertThat(h.collector.summary()).singleElement().asString().contains(" xor ");
    }
  }

  @Test
  void aRefusedLegacyPortFallsBackToKlapAndTheChoiceIsKept() throws Exception {
    SmartProfile p304m = SmartProfile.load("p304m");
    try (SimulatedKlapDevice strip =
            SimulatedKlapDevice.start(
                InetAddress.getByName("127.0.0.1"),
                2,
                "kasa@tp-link.net",
                "kasaSetup",
                p304m.responder());
        TestContextHolder h = new TestContextHolder()) {
      String target = "127.0.0.1:" + closedPort();
      MetricValues m = scrape(target, strip.port(), h);
      assertThat(m.value("kasa_device_power_watts", "device_id", p304m.deviceId()))
          .isEqualTo(172.75);
      assertThat(h.collector.summary()).singleElement().asString().contains("klap v2");
      ((MultiTargetCollector) h.collector)
          .collectTarget(target); // polled again, by the same session
      assertThat(strip.handshakes()).isEqualTo(1);
    }
  }

  @Test
  void aDeviceThatSpeaksNoKlapIsTriedWithAes() throws Exception {
    SmartProfile kp125m = SmartProfile.load("kp125m");
    try (SimulatedAesDevice plug =
            SimulatedAesDevice.start(
                InetAddress.getByName("127.0.0.1"),
                2,
                "kasa@tp-link.net",
                "kasaSetup",
                kp125m.responder());
        TestContextHolder h = new TestContextHolder()) {
      MetricValues m = scrape("127.0.0.1:" + closedPort(), plug.port(), h);
      assertThat(m.value("kasa_device_power_watts", "device_id", kp125m.deviceId()))
          .isEqualTo(118.7);
      assertThat(h.collector.summary()).singleElement().asString().contains("aes v2");
    }
  }

  @Test
  void nothingOnEitherPortSaysWhatWasTried() throws Exception {
    try (TestContextHolder h = new TestContextHolder()) {
      int legacy = closedPort();
      int http = closedPort();
      scrape("127.0.0.1:" + legacy, http, h);
      assertThat(h.collector.summary())
          .singleElement()
          .asString()
          .contains(
              "failed: TCP "
                  + legacy
                  + " refused, "
                  + "and HTTP "
                  + http
                  + " speaks neither KLAP (connection refused) nor AES (connection refused); check "
                  + "the address, or write the target as klap://host:port or aes://host:port");
    }
  }
}

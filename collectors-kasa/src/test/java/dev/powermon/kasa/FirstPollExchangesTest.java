package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Collector;
import dev.powermon.api.MultiTargetCollector;
import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.kasa.sim.SmartProfile;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a KLAP v2 plug bound to the credentials file's account costs on the first poll of a target
 * written {@code host:port} (transport unknown): one handshake (its proof is checked against every
 * account and version without asking the device again), then the poll, with no second handshake for
 * the poll's later requests, nor for the next poll.
 */
class FirstPollExchangesTest {
  private static final String USER = "owner@example.com";
  private static final String PASSWORD = "first-poll-Pa55";
  private static final String NEW = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900002";

  @TempDir Path dir;

  @Test
  void aSmartPlugCostsOneHandshakeAndOneRequest() throws Exception {
    SmartProfile p110 = SmartProfile.load("p110");
    try (SimulatedKlapDevice plug = start(p110.responder())) {
      String target = "127.0.0.1:" + ProbingSourceTest.closedPort();
      try (TestContext context = context(target, plug.port());
          Collector collector = new KasaProvider().open(context)) {
        MetricValues m = MetricValues.of(collector.collect());
        // get_energy_usage's current_power is in mW
        assertThat(m.value("kasa_device_power_watts", "device_id", p110.deviceId()))
            .isEqualTo(p110.result("get_energy_usage").path("current_power").asDouble() / 1000);
        // the command-set question is the poll's first request: device info and energy at once
        assertExchanges(plug, 1, 1, 1);
        ((MultiTargetCollector) collector).collectTarget(target);
        assertExchanges(plug, 1, 1, 2);
      }
    }
  }

  @Test
  void aLegacyPlugOverKlapCostsOneHandshakeAndFourRequestsThenOne() throws Exception {
    try (SimulatedKlapDevice plug =
        start(SimulatedKlapDevice.iot(DeviceProfile.load("plug-new")))) {
      String target = "127.0.0.1:" + ProbingSourceTest.closedPort();
      try (TestContext context = context(target, plug.port());
          Collector collector = new KasaProvider().open(context)) {
        MetricValues m = MetricValues.of(collector.collect());
        assertThat(m.value("kasa_device_power_watts", "device_id", NEW)).isEqualTo(61.25);
        // the command-set question (answered with a module error), then sysinfo, the cloud state
        // and the meter one at a time: a module the device lacks may crash old firmware
        assertExchanges(plug, 1, 1, 4);
        ((MultiTargetCollector) collector).collectTarget(target);
        assertExchanges(plug, 1, 1, 5); // what answered now rides with sysinfo
      }
    }
  }

  private static void assertExchanges(
      SimulatedKlapDevice device, int handshakeOnes, int handshakeTwos, int requests) {
    assertThat(device.handshakeOnes()).as("handshake 1").isEqualTo(handshakeOnes);
    assertThat(device.handshakeTwos()).as("handshake 2").isEqualTo(handshakeTwos);
    assertThat(device.requests()).as("requests").isEqualTo(requests);
    assertThat(device.refused()).as("refused requests").isZero();
  }

  private static SimulatedKlapDevice start(SimulatedKlapDevice.Responder responder)
      throws Exception {
    return SimulatedKlapDevice.start(
        InetAddress.getByName("127.0.0.1"), 2, USER, PASSWORD, responder);
  }

  private TestContext context(String target, int httpPort) throws Exception {
    Path credentials = dir.resolve("tplink.yaml");
    Files.writeString(credentials, "username: " + USER + "\npassword: " + PASSWORD + "\n");
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    return TestContext.forProvider(new KasaProvider())
        .setting("target", target)
        .setting("http-port", String.valueOf(httpPort))
        .setting("credentials-file", credentials.toString())
        .setting("poll-interval", "1h")
        .setting("timeout", "2s")
        .build();
  }
}

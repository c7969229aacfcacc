package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Collector;
import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.KlapOnlyResponder;
import dev.powermon.kasa.sim.SimulatedAesDevice;
import dev.powermon.kasa.sim.SimulatedDevice;
import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.kasa.sim.SmartProfile;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Discovery over loopback UDP only: probes go to 127.x addresses, never to a LAN or
 * 255.255.255.255.
 */
class DiscoveryTest {
  private static final String NEW = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900002";

  @Test
  void aDeviceAnsweringTheLegacyProbeIsPolledOnce() throws Exception {
    try (SimulatedDevice device =
            SimulatedDevice.start(
                DeviceProfile.load("plug-new"), InetAddress.getByName("127.0.0.1"), 0);
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("discovery-address", "127.0.0.1")
                .setting("port", String.valueOf(device.port()))
                .setting("timeout", "600ms")
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricValues m = MetricValues.of(collector.collect());
      assertThat(m.value("kasa_device_power_watts", "device_id", NEW)).isEqualTo(61.25);
      assertThat(m.value("kasa_devices_discovered")).isEqualTo(1); // three probe rounds, one device
      assertThat(collector.summary())
          .singleElement()
          .asString()
          .contains("KP115(EU)", "\"Desk\"", "61.3 W", "on");
    }
  }

  @Test
  void aDeviceWantingTpapIsListedAsNeedingIt() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.0.3");
    try (KlapOnlyResponder klap =
            KlapOnlyResponder.start(
                address,
                0,
                KlapOnlyResponder.describing(
                    "00112233445566778899AABBCCDDEEFF",
                    "P110M(EU)",
                    "SMART.TAPOPLUG",
                    "TPAP",
                    80));
        DatagramSocket silentLegacyPort = new DatagramSocket(new InetSocketAddress(address, 0));
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("discovery", "true")
                .setting("discovery-address", "127.0.0.3")
                .setting(
                    "port",
                    String.valueOf(silentLegacyPort.getLocalPort())) // never the shared 9999
                .setting("discovery-klap-port", String.valueOf(klap.port()))
                .setting("timeout", "600ms")
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      assertThat(collector.summary())
          .singleElement()
          .asString()
          .contains("P110M(EU)", "127.0.0.3", "needs TPAP, not supported yet")
          .doesNotContain("10.9.9.9"); // the source address, not the payload's "ip"
      MetricValues m = MetricValues.of(collector.collect());
      assertThat(m.value("kasa_devices_discovered")).isEqualTo(1);
      assertThat(m.has("kasa_scrape_success")).isFalse();
    }
  }

  @Test
  void aDeviceAnnouncingKlapIsPolledOverKlapOnItsHttpPort() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.0.5");
    SmartProfile p110 = SmartProfile.load("p110");
    try (SimulatedKlapDevice device =
            SimulatedKlapDevice.start(
                address, 2, "kasa@tp-link.net", "kasaSetup", p110.responder());
        KlapOnlyResponder klap =
            KlapOnlyResponder.start(
                address,
                0,
                KlapOnlyResponder.describing(
                    p110.deviceId(), "P110(EU)", "SMART.TAPOPLUG", "KLAP", device.port()));
        DatagramSocket silentLegacyPort = new DatagramSocket(new InetSocketAddress(address, 0));
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("discovery-address", "127.0.0.5")
                .setting("port", String.valueOf(silentLegacyPort.getLocalPort()))
                .setting("discovery-klap-port", String.valueOf(klap.port()))
                .setting("timeout", "2s") // a first KLAP poll on a cold, busy JVM
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricValues m = MetricValues.of(collector.collect());
      assertThat(m.value("kasa_devices_discovered")).isEqualTo(1);
      assertThat(m.value("kasa_device_power_watts", "device_id", p110.deviceId()))
          .isEqualTo(523.45); // 523450 mW
      assertThat(collector.summary())
          .singleElement()
          .asString()
          .contains(
              "P110",
              "\"Washing machine\"",
              "127.0.0.5:" + device.port(),
              "klap v2",
              "523.5 W",
              "on");
    }
  }

  /**
   * One collector, discovered and static devices on every transport at once (a loopback sweep
   * reaches one address, so one device is discovered: a Tapo strip announcing KLAP).
   */
  @Test
  void discoveredAndStaticDevicesOfEveryTransportTogether() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.0.6");
    SmartProfile p304m = SmartProfile.load("p304m");
    SmartProfile kp125m = SmartProfile.load("kp125m");
    try (SimulatedDevice legacy =
            SimulatedDevice.start(
                DeviceProfile.load("plug-new"), InetAddress.getByName("127.0.0.1"), 0);
        DatagramSocket silentLegacyPort = new DatagramSocket(new InetSocketAddress(address, 0));
        SimulatedKlapDevice strip =
            SimulatedKlapDevice.start(
                address, 2, "kasa@tp-link.net", "kasaSetup", p304m.responder());
        KlapOnlyResponder announcer =
            KlapOnlyResponder.start(
                address,
                0,
                KlapOnlyResponder.describing(
                    p304m.deviceId(), "P304M(EU)", "SMART.TAPOPLUG", "KLAP", strip.port()));
        SimulatedAesDevice aes =
            SimulatedAesDevice.start(
                InetAddress.getByName("127.0.0.1"),
                2,
                "kasa@tp-link.net",
                "kasaSetup",
                kp125m.responder());
        SimulatedKlapDevice hs300 =
            SimulatedKlapDevice.start(
                InetAddress.getByName("127.0.0.1"),
                2,
                "kasa@tp-link.net",
                "kasaSetup",
                SimulatedKlapDevice.iot(DeviceProfile.load("hs300-112")));
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", legacy.target(), aes.target(), hs300.target())
                .setting("discovery", "true")
                .setting("discovery-address", "127.0.0.6") // loopback: one address per sweep
                .setting("port", String.valueOf(silentLegacyPort.getLocalPort()))
                .setting("discovery-klap-port", String.valueOf(announcer.port()))
                .setting("timeout", "2s")
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricValues m = MetricValues.of(collector.collect());
      assertThat(m.value("kasa_devices_discovered")).isEqualTo(4); // three targets, one found
      assertThat(m.value("kasa_device_power_watts", "device_id", NEW))
          .isEqualTo(61.25); // legacy, static
      assertThat(m.value("kasa_device_power_watts", "device_id", p304m.deviceId()))
          .isEqualTo(172.75); // KLAP, found
      assertThat(m.value("kasa_device_power_watts", "device_id", kp125m.deviceId()))
          .isEqualTo(118.7); // AES, static
      assertThat(
              m.value(
                  "kasa_device_power_watts",
                  "device_id",
                  "8006A1B2C3D4E5F60718293A4B5C6D7E8F900008"))
          .isEqualTo(202.75); // HS300 1.1.2 over KLAP, static
      assertThat(collector.summary())
          .hasSize(4)
          .anyMatch(l -> l.contains(" xor "))
          .anyMatch(l -> l.contains("P304M") && l.contains("klap v2"))
          .anyMatch(l -> l.contains("aes v2"));
    }
  }

  /**
   * Whatever else answers the legacy probe on this machine (a real plug's port, another test's
   * simulator) sits on another port: it is never probed and never counted.
   */
  @Test
  void aForeignResponderOnAnotherPortDoesNotDisturbDiscovery() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (SimulatedDevice device =
            SimulatedDevice.start(DeviceProfile.load("plug-new"), loopback, 0);
        SimulatedDevice foreign =
            SimulatedDevice.start(
                DeviceProfile.load("plug-old").withIdentity("FOREIGN", "Not mine"), loopback, 0);
        DatagramSocket silentKlapPort = new DatagramSocket(new InetSocketAddress(loopback, 0));
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("discovery-address", "127.0.0.1")
                .setting("port", String.valueOf(device.port()))
                .setting("discovery-klap-port", String.valueOf(silentKlapPort.getLocalPort()))
                .setting("timeout", "600ms")
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricValues m = MetricValues.of(collector.collect());
      assertThat(m.value("kasa_devices_discovered")).isEqualTo(1);
      assertThat(m.value("kasa_device_power_watts", "device_id", NEW)).isEqualTo(61.25);
      assertThat(m.series("kasa_scrape_success", "device_id", "FOREIGN")).isEmpty();
      assertThat(foreign.connections()).isZero(); // never polled over TCP
      assertThat(collector.summary()).singleElement().asString().contains(device.target());
    }
  }

  @Test
  void repliesFromAnotherPortOrOversizedAreIgnored() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.0.4");
    try (DatagramSocket probed = new DatagramSocket(new InetSocketAddress(address, 0));
        DatagramSocket impostor = new DatagramSocket(new InetSocketAddress(address, 0))) {
      Thread responder = new Thread(() -> answerFromElsewhere(probed, impostor));
      responder.setDaemon(true);
      responder.start();
      Discovery discovery =
          new Discovery(address, probed.getLocalPort(), 1, Duration.ofMillis(600));
      Discovery.Result result = discovery.sweep();
      assertThat(result.legacy()).isEmpty();
      assertThat(result.klapOnly()).isEmpty();
    }
  }

  /**
   * Answers each probe twice: a valid sysinfo from the wrong port, an oversized one from the right
   * port.
   */
  private static void answerFromElsewhere(DatagramSocket probed, DatagramSocket impostor) {
    byte[] buffer = new byte[2048];
    byte[] valid =
        XorCipher.encrypt(
            "{\"system\":{\"get_sysinfo\":{\"deviceId\":\"X\",\"model\":\"M\"}}}".getBytes());
    byte[] huge = new byte[DiscoveryReplies.MAX_DATAGRAM + 100];
    try {
      for (int i = 0; i < 3; i++) {
        DatagramPacket probe = new DatagramPacket(buffer, buffer.length);
        probed.receive(probe);
        impostor.send(new DatagramPacket(valid, valid.length, probe.getSocketAddress()));
        probed.send(new DatagramPacket(huge, huge.length, probe.getSocketAddress()));
      }
    } catch (java.io.IOException e) {
      // sockets closed at the end of the test
    }
  }
}

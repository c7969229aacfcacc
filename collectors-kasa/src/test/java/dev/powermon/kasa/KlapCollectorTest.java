package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.powermon.api.Collector;
import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.Fleet;
import dev.powermon.kasa.sim.KlapFault;
import dev.powermon.kasa.sim.SimulatedAesDevice;
import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.kasa.sim.SmartProfile;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The collector with a mixed fleet side by side (a legacy plug, an HS300 1.1.2 and a KLAP v1 plug
 * on the legacy command set, a Tapo strip and a KP125M on SMART, a P110 over AES, and three faulty
 * KLAP devices), and the account kept out of every output.
 */
class KlapCollectorTest {
  private static final String USER = "owner@example.com";
  private static final String PASSWORD = "s3cret-Pa55-d0-not-leak";
  private static final String NEW = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900002";
  private static final String STRIP_112 = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900008";
  private static final String PLUG_V1 = "8006A1B2C3D4E5F60718293A4B5C6D7E8F90000A";
  private static final String P304M = "80221B2C3D4E5F60718293A4B5C6D7E8F0000014";
  private static final String KP125M = "80221B2C3D4E5F60718293A4B5C6D7E8F0000012";
  private static final String P110 = "80221B2C3D4E5F60718293A4B5C6D7E8F0000011";

  @Test
  void aMixedFleetIsPolledAndEveryFaultCostsOnlyItsDevice(@TempDir Path dir) throws Exception {
    Path credentials = dir.resolve("tplink.yaml");
    Files.writeString(credentials, "username: " + USER + "\npassword: " + PASSWORD + "\n");
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    root.addAppender(events);
    List<SimulatedKlapDevice> klap = new ArrayList<>();
    SimulatedAesDevice aes = null;
    try (Fleet legacy = Fleet.start("plug-new")) {
      klap.add(
          SimulatedKlapDevice.start(
              lo, 2, USER, PASSWORD, SimulatedKlapDevice.iot(DeviceProfile.load("hs300-112"))));
      klap.add(
          SimulatedKlapDevice.start(
              lo,
              1,
              "kasa@tp-link.net",
              "kasaSetup",
              SimulatedKlapDevice.iot(
                  DeviceProfile.load("plug-new").withIdentity(PLUG_V1, "Old UK plug"))));
      klap.add(
          SimulatedKlapDevice.start(lo, 2, USER, PASSWORD, SmartProfile.load("p304m").responder()));
      klap.add(
          SimulatedKlapDevice.start(
              lo, 2, "test@tp-link.net", "test", SmartProfile.load("kp125m").responder()));
      aes = SimulatedAesDevice.start(lo, 2, USER, PASSWORD, SmartProfile.load("p110").responder());
      klap.add(
          SimulatedKlapDevice.start(
              lo,
              2,
              USER,
              "not-the-password",
              SimulatedKlapDevice.iot(DeviceProfile.load("plug-new"))));
      klap.add(
          SimulatedKlapDevice.start(
                  lo, 2, USER, PASSWORD, SimulatedKlapDevice.iot(DeviceProfile.load("plug-new")))
              .fault(KlapFault.NO_HANDSHAKE2));
      klap.add(
          SimulatedKlapDevice.start(
                  lo, 2, USER, PASSWORD, SimulatedKlapDevice.iot(DeviceProfile.load("plug-new")))
              .fault(KlapFault.GARBLED_SIGNATURE));
      List<String> targets = new ArrayList<>(List.of(legacy.targets()));
      klap.forEach(d -> targets.add(d.target()));
      targets.add(aes.target());
      try (TestContext context =
              TestContext.forProvider(new KasaProvider())
                  .setting("target", targets.toArray(String[]::new))
                  .setting("credentials-file", credentials.toString())
                  .setting("poll-interval", "1h")
                  .setting("timeout", "2s")
                  .build();
          Collector collector = new KasaProvider().open(context)) {
        MetricValues m = MetricValues.of(collector.collect());
        assertThat(m.value("kasa_scrape_success", "device_id", NEW)).isEqualTo(1);
        assertThat(m.value("kasa_device_power_watts", "device_id", NEW)).isEqualTo(61.25);
        // HS300 1.1.2 over KLAP v2: 10500 + 35250 + 0 + 7000 + 150000 + 0 mW = 202.75 W; 30555 Wh
        assertThat(m.value("kasa_scrape_success", "device_id", STRIP_112)).isEqualTo(1);
        assertThat(m.value("kasa_device_power_watts", "device_id", STRIP_112)).isEqualTo(202.75);
        assertThat(m.value("kasa_device_energy_joules_total", "device_id", STRIP_112))
            .isEqualTo(30555.0 * 3600);
        assertThat(m.value("kasa_plug_power_watts", "device_id", STRIP_112, "plug_slot", "4"))
            .isEqualTo(150.0);
        assertThat(context.readings("kasa").last(STRIP_112, "total").watts()).isEqualTo(202.75);
        // KLAP v1 on the Kasa default account
        assertThat(m.value("kasa_device_power_watts", "device_id", PLUG_V1)).isEqualTo(61.25);
        // a Tapo strip: 142250 + 21500 + 9000 + 0 mW per outlet, handed on as watts for the core to
        // integrate
        assertThat(
                m.value(
                    "kasa_plug_power_watts",
                    "device_id",
                    P304M,
                    "plug_slot",
                    "0",
                    "plug_alias",
                    "Workstation"))
            .isEqualTo(142.25);
        assertThat(m.value("kasa_device_power_watts", "device_id", P304M)).isEqualTo(172.75);
        assertThat(m.series("kasa_device_energy_joules_total", "device_id", P304M)).isEmpty();
        assertThat(context.readings("kasa").last(P304M, "total").watts()).isEqualTo(172.75);
        assertThat(context.readings("kasa").last(P304M, "total").joules())
            .isNaN(); // the core integrates
        // KP125M on the Tapo default account: 118700 mW, 121215 mV; the nickname decoded
        assertThat(m.value("kasa_device_voltage_volts", "device_id", KP125M))
            .isCloseTo(121.215, within(1e-9));
        assertThat(
                m.value(
                    "kasa_device_info",
                    "device_id",
                    KP125M,
                    "alias",
                    "Fridge ☃ \"cold\"",
                    "model",
                    "KP125M"))
            .isEqualTo(1);
        // a Tapo P110 over AES (login v2): 523450 mW
        assertThat(m.value("kasa_device_power_watts", "device_id", P110)).isEqualTo(523.45);
        for (SimulatedKlapDevice bad : klap.subList(4, 7)) {
          String label = bad.target().substring("klap://".length());
          assertThat(m.value("kasa_scrape_success", "device_id", label)).isZero();
        }
        List<String> summary = collector.summary();
        assertThat(summary)
            .anyMatch(
                l -> l.contains("HS300(US)") && l.contains("klap v2") && l.contains("202.8 W"));
        assertThat(summary).anyMatch(l -> l.contains("Old UK plug") && l.contains("klap v1"));
        assertThat(summary).anyMatch(l -> l.contains("Washing machine") && l.contains("aes v2"));
        assertThat(summary).anyMatch(l -> l.contains("\"Desk\"") && l.contains(" xor "));
        assertThat(summary)
            .anyMatch(
                l ->
                    l.contains(
                        "failed: KLAP handshake: the device accepts none of the "
                            + "credentials file's account"));
        assertThat(summary)
            .anyMatch(l -> l.contains("failed: no complete KLAP exchange within 2000 ms"));
        assertThat(summary)
            .anyMatch(l -> l.contains("failed: KLAP reply signature does not match"));
        assertThat(m.text()).doesNotContain(PASSWORD).doesNotContain("kasaSetup");
        assertThat(String.join("\n", summary)).doesNotContain(PASSWORD);
      }
    } finally {
      klap.forEach(SimulatedKlapDevice::close);
      if (aes != null) {
        aes.close();
      }
      root.detachAppender(events);
    }
    assertThat(events.list).isNotEmpty();
    assertThat(events.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(l -> l.contains(PASSWORD) || l.contains("kasaSetup"));
    assertThat(events.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(l -> l.contains("accepts none of the credentials file's account"));
  }
}

package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.MultiTargetCollector;
import dev.powermon.api.TargetNotAllowedException;
import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.Fleet;
import dev.powermon.kasa.sim.SimulatedDevice;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class MultiTargetTest {
  private static final String OLD = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900001";
  private static final String NEW = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900002";

  @Test
  void aConfiguredTargetIsPolledAloneOnDemand() throws Exception {
    try (Fleet fleet = Fleet.start("plug-old", "plug-new");
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.targets())
                .setting("poll-interval", "1h")
                .build();
        MultiTargetCollector collector = (MultiTargetCollector) new KasaProvider().open(context)) {
      int before = fleet.get(1).connections();
      int handedOn = context.readings("kasa").of(NEW, "total").size();
      MetricValues m = MetricValues.of(collector.collectTarget(fleet.get(1).target()));
      assertThat(m.value("kasa_device_power_watts", "device_id", NEW)).isEqualTo(61.25);
      assertThat(m.series("kasa_device_power_watts", "device_id", OLD)).isEmpty();
      assertThat(m.value("kasa_scrape_success", "device_id", NEW)).isEqualTo(1);
      assertThat(m.has("kasa_devices_discovered")).isFalse();
      assertThat(fleet.get(1).connections())
          .isEqualTo(before + 1); // polled now, not served from memory
      // a poll like any other: its power goes to the core, which answers it on /probe too
      assertThat(context.readings("kasa").of(NEW, "total")).hasSize(handedOn + 1);
      assertThat(context.readings("kasa").last(NEW, "total").watts()).isEqualTo(61.25);
    }
  }

  @Test
  void aFailedProbeThrowsWithTheReason() throws Exception {
    try (Fleet fleet = Fleet.start("plug-old");
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.targets())
                .setting("poll-interval", "1h")
                .setting("timeout", "300ms")
                .build();
        MultiTargetCollector collector = (MultiTargetCollector) new KasaProvider().open(context)) {
      fleet.get(0).fault(Fault.HUGE_LENGTH);
      assertThatThrownBy(() -> collector.collectTarget(fleet.get(0).target()))
          .isInstanceOf(java.io.IOException.class)
          .hasMessage(
              fleet.get(0).target()
                  + ": reply declares 4294967280 bytes, outside 1..65536 (is this a Kasa device?)");
    }
  }

  @Test
  void anythingElseIsRefusedUnlessProbeAllowCoversIt() throws Exception {
    try (Fleet fleet = Fleet.start("plug-old");
        SimulatedDevice other =
            SimulatedDevice.start(
                DeviceProfile.load("plug-new"), InetAddress.getByName("127.0.0.2"), 0);
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.targets())
                .setting("poll-interval", "1h")
                .build();
        MultiTargetCollector collector = (MultiTargetCollector) new KasaProvider().open(context)) {
      assertThatThrownBy(() -> collector.collectTarget(other.target()))
          .isInstanceOf(TargetNotAllowedException.class)
          .hasMessage(
              "'"
                  + other.target()
                  + "' is neither a configured target nor in probe-allow on port 9999");
      assertThatThrownBy(() -> collector.collectTarget("127.0.0.2:abc"))
          .isInstanceOf(TargetNotAllowedException.class);
      assertThat(other.connections()).isZero();
    }
  }

  @Test
  void probeAllowAdmitsAddressesInItsNetworksOnTheDevicePort() throws Exception {
    try (SimulatedDevice other =
            SimulatedDevice.start(
                DeviceProfile.load("plug-new"), InetAddress.getByName("127.0.0.2"), 0);
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("probe-allow", "127.0.0.0/30")
                .setting("port", String.valueOf(other.port()))
                .setting("discovery", "false")
                .setting("poll-interval", "1h")
                .build();
        MultiTargetCollector collector = (MultiTargetCollector) new KasaProvider().open(context)) {
      MetricValues m = MetricValues.of(collector.collectTarget("127.0.0.2"));
      assertThat(m.value("kasa_device_power_watts", "device_id", NEW, "ip", "127.0.0.2"))
          .isEqualTo(61.25);
      assertThat(m.has("powermon_energy_joules_total"))
          .isFalse(); // not a polled device: nothing counted
      assertThat(context.readings("kasa").all()).isEmpty(); // nor handed to the core
      assertThatThrownBy(() -> collector.collectTarget("127.0.0.9"))
          .isInstanceOf(TargetNotAllowedException.class);
      assertThatThrownBy(() -> collector.collectTarget("127.0.0.2:1"))
          .isInstanceOf(TargetNotAllowedException.class);
    }
  }
}

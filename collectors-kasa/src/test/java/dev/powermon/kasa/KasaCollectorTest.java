package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.Collector;
import dev.powermon.api.LabelValues;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.Fleet;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.TestContext;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The collector over real loopback sockets: values exported equal what the simulator served. */
class KasaCollectorTest {
  private static final String OLD = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900001";
  private static final String NEW = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900002";
  private static final String NOMETER = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900003";
  private static final String STRIP = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900004";
  private static final String BULB = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900005";
  private static final String KP303 = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900006";
  private static final String CLOCK_BUG = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900007";

  @Test
  void everyProfileIsExportedInBaseUnits() throws Exception {
    try (Fleet fleet =
            Fleet.start("plug-old", "plug-new", "plug-nometer", "hs300", "bulb", "kp303");
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.targets())
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricValues m = MetricValues.of(collector.collect());

      for (String id : new String[] {OLD, NEW, NOMETER, STRIP, BULB, KP303}) {
        assertThat(m.value("kasa_scrape_success", "device_id", id)).isEqualTo(1);
      }
      // Old units: W, V, A as sent; total 3.25 kWh = 3250 Wh.
      assertThat(m.value("kasa_device_power_watts", "device_id", OLD)).isEqualTo(112.5);
      assertThat(m.value("kasa_device_voltage_volts", "device_id", OLD)).isEqualTo(229.8);
      assertThat(m.value("kasa_device_current_amps", "device_id", OLD)).isEqualTo(0.512);
      // 3250 Wh * 3600 J/Wh = 11,700,000 J.
      assertThat(m.value("kasa_device_energy_joules_total", "device_id", OLD))
          .isCloseTo(11_700_000, within(1e-6));
      assertThat(m.value("kasa_device_on_time_seconds", "device_id", OLD)).isEqualTo(3600);
      assertThat(m.value("kasa_device_rssi_dbm", "device_id", OLD)).isEqualTo(-58);
      assertThat(m.value("kasa_device_cloud_connected", "device_id", OLD)).isEqualTo(1);
      assertThat(
              m.value(
                  "kasa_device_info",
                  "device_id",
                  OLD,
                  "model",
                  "HS110(EU)",
                  "alias",
                  "Kitchen kettle",
                  "mac",
                  "50:C7:BF:1A:2B:01",
                  "hw_ver",
                  "1.0",
                  "ip",
                  "127.0.0.1"))
          .isEqualTo(1);
      // New units: 61250 mW = 61.25 W, 230500 mV = 230.5 V, 268 mA = 0.268 A, 16384 Wh.
      assertThat(m.value("kasa_device_power_watts", "device_id", NEW)).isEqualTo(61.25);
      assertThat(m.value("kasa_device_voltage_volts", "device_id", NEW)).isEqualTo(230.5);
      assertThat(m.value("kasa_device_current_amps", "device_id", NEW)).isEqualTo(0.268);
      assertThat(m.value("kasa_device_energy_joules_total", "device_id", NEW))
          .isEqualTo(58_982_400); // 16384 Wh
      assertThat(m.value("kasa_device_led_off", "device_id", NEW)).isEqualTo(1);
      assertThat(m.value("kasa_device_cloud_connected", "device_id", NEW)).isEqualTo(0);
      // No meter: state but no readings, not zeros.
      assertThat(m.value("kasa_device_relay_state", "device_id", NOMETER)).isEqualTo(0);
      assertThat(m.series("kasa_device_power_watts", "device_id", NOMETER)).isEmpty();
      assertThat(context.readings("kasa").of(NOMETER, "total")).isEmpty();
      // Bulb: 8600 mW = 8.6 W, 412 Wh, no voltage reported.
      assertThat(m.value("kasa_device_power_watts", "device_id", BULB)).isEqualTo(8.6);
      assertThat(m.value("kasa_device_energy_joules_total", "device_id", BULB))
          .isEqualTo(1_483_200); // 412 Wh
      assertThat(m.series("kasa_device_voltage_volts", "device_id", BULB)).isEmpty();
      assertThat(m.value("kasa_device_relay_state", "device_id", BULB)).isEqualTo(1);
      // Unified families: the core builds them from the plug's reading, a wall meter's power and
      // counter.
      RecordedReadings.Reading plug = context.readings("kasa").last(NEW, "total");
      assertThat(plug.watts()).isEqualTo(61.25);
      assertThat(plug.joules()).isEqualTo(58_982_400); // 16384 Wh
      assertThat(context.readings("kasa").meterClass()).isEqualTo(MeterClass.WALL);
      assertThat(m.has("powermon_power_watts")).isFalse(); // never built by the collector itself
      // Meterless strip: outlets' state only.
      assertThat(m.series("kasa_plug_relay_state", "device_id", KP303)).hasSize(3);
      assertThat(m.value("kasa_plug_on_time_seconds", "device_id", KP303, "plug_alias", "Fan"))
          .isEqualTo(120);
      assertThat(m.series("kasa_plug_power_watts", "device_id", KP303)).isEmpty();
      assertThat(m.value("kasa_devices_discovered")).isEqualTo(6);
      assertThat(m.value("kasa_scrape_duration_seconds")).isPositive();
    }
  }

  @Test
  void aStripShowsSixOutletsAndATotalEqualToTheirSum() throws Exception {
    try (Fleet fleet = Fleet.start("hs300");
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.targets())
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricValues m = MetricValues.of(collector.collect());
      assertThat(m.series("kasa_plug_power_watts", "device_id", STRIP)).hasSize(6);
      double[] watts = {10.5, 35.25, 0, 7, 150, 0}; // power_mw / 1000 per outlet
      double sum = 0;
      for (int slot = 0; slot < 6; slot++) {
        double w =
            m.value("kasa_plug_power_watts", "device_id", STRIP, "plug_slot", String.valueOf(slot));
        assertThat(w).isEqualTo(watts[slot]);
        sum += w;
      }
      assertThat(sum).isEqualTo(202.75);
      assertThat(m.value("kasa_device_power_watts", "device_id", STRIP)).isEqualTo(202.75);
      // 30555 Wh summed over the outlets * 3600 J/Wh.
      assertThat(m.value("kasa_device_energy_joules_total", "device_id", STRIP))
          .isEqualTo(109_998_000);
      assertThat(m.value("kasa_device_voltage_volts", "device_id", STRIP))
          .isCloseTo(120.05, within(1e-9)); // mean
      assertThat(
              m.value(
                  "kasa_plug_energy_joules_total",
                  "device_id",
                  STRIP,
                  "plug_alias",
                  "Space heater"))
          .isEqualTo(82_800_000); // 23000 Wh
      assertThat(m.value("kasa_plug_relay_state", "device_id", STRIP, "plug_slot", "2")).isZero();
      assertThat(m.value("kasa_plug_on_time_seconds", "device_id", STRIP, "plug_slot", "4"))
          .isEqualTo(4000);
      assertThat(m.value("kasa_plug_power_watts", "plug_id", STRIP + "01")).isEqualTo(35.25);
      RecordedReadings readings = context.readings("kasa");
      assertThat(readings.last(STRIP, "total").watts()).isEqualTo(202.75);
      assertThat(readings.last(STRIP, "total").joules())
          .isEqualTo(109_998_000); // the outlets' ledgers, summed
      assertThat(readings.last(STRIP, "Router").watts()).isEqualTo(35.25);
      assertThat(readings.last(STRIP, "Router").joules()).isEqualTo(19_440_000); // 5400 Wh
      assertThat(readings.all())
          .extracting(RecordedReadings.Reading::domain)
          .containsExactlyInAnyOrder(
              "NAS", "Router", "Printer", "Switch", "Space heater", "Spare", "total");
      assertThat(m.series("kasa_device_relay_state", "device_id", STRIP)).isEmpty();
    }
  }

  /**
   * HS300 hw1 on firmware 1.0.10 reports a negative on_time for one outlet: only that series goes.
   */
  @Test
  void aNegativeOutletOnTimeCostsOnlyThatSeries() throws Exception {
    try (Fleet fleet = Fleet.start("hs300-clock-bug");
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.targets())
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricValues m = MetricValues.of(collector.collect());
      assertThat(m.value("kasa_scrape_success", "device_id", CLOCK_BUG)).isEqualTo(1);
      assertThat(m.series("kasa_plug_power_watts", "device_id", CLOCK_BUG)).hasSize(6);
      assertThat(m.series("kasa_plug_relay_state", "device_id", CLOCK_BUG)).hasSize(6);
      assertThat(m.series("kasa_plug_on_time_seconds", "device_id", CLOCK_BUG)).hasSize(5);
      assertThat(m.series("kasa_plug_on_time_seconds", "plug_slot", "5")).isEmpty();
      assertThat(m.value("kasa_plug_relay_state", "device_id", CLOCK_BUG, "plug_slot", "5"))
          .isEqualTo(1);
      assertThat(m.value("kasa_plug_power_watts", "device_id", CLOCK_BUG, "plug_slot", "5"))
          .isEqualTo(4.8);
      // 8200 + 27400 + 0 + 3100 + 95500 + 4800 mW = 139 W; 310 + 2250 + 0 + 95 + 41000 + 120 Wh =
      // 43775 Wh
      assertThat(m.value("kasa_device_power_watts", "device_id", CLOCK_BUG)).isEqualTo(139);
      assertThat(m.value("kasa_device_energy_joules_total", "device_id", CLOCK_BUG))
          .isEqualTo(157_590_000);
      assertThat(context.readings("kasa").last(CLOCK_BUG, "total").watts()).isEqualTo(139);
      assertThat(context.readings("kasa").all()).hasSize(7);
      assertThat(context.problems().count("system.get_sysinfo.children.on_time")).isEqualTo(1);
      assertThat(context.problems().failing())
          .containsOnlyKeys("system.get_sysinfo.children.on_time");
      assertThat(collector.summary())
          .singleElement()
          .asString()
          .contains("139.0 W", "5/6 outlets on");
    }
  }

  @Test
  void powersNamesTheHostEachPlugOrOutletFeeds() throws Exception {
    List<String> logged;
    try (CapturedLog log = new CapturedLog();
        Fleet fleet = Fleet.start("plug-new", "hs300", "plug-old");
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.targets())
                .setting("powers", "Desk=workstation", "Router=gateway", "Nobody=ghost")
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricValues m = MetricValues.of(collector.collect());
      assertThat(
              m.value(
                  "powermon_meter_covers",
                  "source",
                  "kasa",
                  "device",
                  NEW,
                  "domain",
                  "total",
                  "covers",
                  "workstation"))
          .isEqualTo(1);
      assertThat(
              m.value(
                  "powermon_meter_covers",
                  "source",
                  "kasa",
                  "device",
                  STRIP,
                  "domain",
                  "Router",
                  "covers",
                  "gateway"))
          .isEqualTo(1);
      assertThat(m.series("powermon_meter_covers"))
          .hasSize(2); // the kettle feeds no host; no ghost
      MetricValues.of(collector.collect()); // the same unmatched entry is not logged again
      logged = log.messages();
    }
    assertThat(logged)
        .filteredOn(l -> l.contains("powers"))
        .singleElement()
        .asString()
        .startsWith("collectors.kasa.powers: [Nobody] name(s) no device id, alias, ip");
  }

  @Test
  void powersMatchesADeviceIdOrItsAddress() throws Exception {
    try (Fleet fleet = Fleet.start("plug-new", "hs300");
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.targets())
                .setting("powers", NEW + "=nas", "127.0.0.1=desk-pc")
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricValues m = MetricValues.of(collector.collect());
      assertThat(m.value("powermon_meter_covers", "device", NEW, "domain", "total")).isEqualTo(1);
      assertThat(m.labelSets("powermon_meter_covers"))
          .extracting(l -> l.get("device") + "/" + l.get("covers"))
          .containsExactlyInAnyOrder(NEW + "/nas", STRIP + "/desk-pc"); // the id beats the address
    }
  }

  /** A poller whose schedule has died must not keep serving its last readings as current. */
  @Test
  void aPollerThatStopsIsReportedStaleInsteadOfServingOldReadings() throws Exception {
    try (Fleet fleet = Fleet.start("plug-new");
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.targets())
                .setting("poll-interval", "100ms")
                .setting("timeout", "50ms")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      assertThat(
              MetricValues.of(collector.collect())
                  .value("kasa_device_power_watts", "device_id", NEW))
          .isEqualTo(61.25);
      context.scheduler().shutdownNow(); // no more poll cycles
      long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Exception stale = null;
      while (stale == null && System.nanoTime() < giveUp) {
        try {
          collector.collect();
          Thread.sleep(50);
        } catch (IOException e) {
          stale = e;
        }
      }
      assertThat(stale)
          .isNotNull()
          .hasMessageStartingWith("no fresh poll since ")
          .hasMessageEndingWith(
              "(devices are polled every 100 ms); readings are withheld until the poller runs again");
    }
  }

  @Test
  void everyEmittedFamilyIsDeclared() throws Exception {
    try (Fleet fleet = Fleet.start("plug-old", "hs300-clock-bug", "bulb");
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.targets())
                .setting("powers", "Kitchen kettle=kitchen-pc")
                .setting("poll-interval", "1h")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricSnapshots snapshots = collector.collect();
      DeclarationCheck.assertEmitsOnlyDeclared(new KasaProvider(), snapshots);
      // every declared family shows up, the unified two built by the core from the readings
      List<String> emitted = new ArrayList<>(MetricValues.of(snapshots).names());
      emitted.addAll(List.of("powermon_power_watts", "powermon_energy_joules_total"));
      assertThat(emitted)
          .containsExactlyInAnyOrderElementsOf(
              new KasaProvider().metrics().stream().map(MetricSpec::name).toList());
      assertThat(context.readings("kasa").all()).isNotEmpty();
    }
  }

  @Test
  void hostileAliasesAreCappedAndStrippedOfControlCharacters() throws Exception {
    String evil = "Plug \"1\"\n" + "x".repeat(1000);
    try (Fleet fleet = new Fleet()) {
      fleet.add(DeviceProfile.load("hs300").withIdentity(STRIP, evil));
      try (TestContext context =
              TestContext.forProvider(new KasaProvider())
                  .setting("target", fleet.targets())
                  .setting("poll-interval", "1h")
                  .build();
          Collector collector = new KasaProvider().open(context)) {
        MetricValues m = MetricValues.of(collector.collect());
        String alias = m.labelSets("kasa_device_info").get(0).get("alias");
        assertThat(alias)
            .hasSize(LabelValues.MAX_LENGTH)
            .startsWith("Plug \"1\"x")
            .doesNotContain("\n");
        assertThat(m.text())
            .contains("alias=\"Plug \\\"1\\\"xxx"); // quotes escaped in the exposition
      }
    }
  }
}

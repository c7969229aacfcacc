package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.Collector;
import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.Fleet;
import dev.powermon.kasa.sim.SimulatedDevice;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault mode, next to a healthy device: the healthy one stays served, the faulty one drops to
 * {@code kasa_scrape_success 0} with its readings withheld. A scrape is awaited until it shows both
 * at once: on a loaded machine the healthy device may miss one short timeout of its own, which is
 * not what these tests are about.
 */
class FaultModesTest {
  private static final String HEALTHY = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900002";
  private static final String VICTIM = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900001";

  @ParameterizedTest
  // SLOW: DeviceSessionTest; WRONG_TYPES costs fields, not the device:
  // wronglyTypedFieldsCostOnlyTheirSeries
  @EnumSource(
      value = Fault.class,
      names = {"NONE", "SLOW", "WRONG_TYPES"},
      mode = EnumSource.Mode.EXCLUDE)
  void aFaultyDeviceFailsAloneAndRecovers(Fault fault) throws Exception {
    try (Fleet fleet = Fleet.start("plug-new", "plug-old");
        TestContext context = fastPolling(fleet);
        Collector collector = new KasaProvider().open(context)) {
      SimulatedDevice victim = fleet.get(1);
      awaitScrape(collector, m -> scraped(m, VICTIM, 1));

      victim.dripMillis(50).fault(fault);
      MetricValues failed =
          awaitScrape(collector, m -> scraped(m, VICTIM, 0) && scraped(m, HEALTHY, 1));
      assertThat(failed.value("kasa_scrape_success", "device_id", HEALTHY)).isEqualTo(1);
      assertThat(failed.value("kasa_device_power_watts", "device_id", HEALTHY)).isEqualTo(61.25);
      assertThat(failed.series("kasa_device_power_watts", "device_id", VICTIM)).isEmpty();
      assertThat(failed.series("kasa_device_info", "device_id", VICTIM)).isEmpty();
      assertThat(context.readings("kasa").forgotten())
          .contains(VICTIM); // the core stops serving its power

      victim.fault(Fault.NONE);
      MetricValues back = awaitScrape(collector, m -> scraped(m, VICTIM, 1));
      assertThat(back.value("kasa_device_power_watts", "device_id", VICTIM)).isEqualTo(112.5);
    }
  }

  @Test
  void wronglyTypedFieldsCostOnlyTheirSeries() throws Exception {
    try (Fleet fleet = Fleet.start("plug-new", "plug-old");
        TestContext context = fastPolling(fleet);
        Collector collector = new KasaProvider().open(context)) {
      awaitScrape(collector, m -> scraped(m, VICTIM, 1));
      fleet.get(1).fault(Fault.WRONG_TYPES); // relay_state "on", rssi "strong", power "lots"
      MetricValues m =
          awaitScrape(
              collector,
              v ->
                  v.series("kasa_device_power_watts", "device_id", VICTIM).isEmpty()
                      && scraped(v, HEALTHY, 1));
      assertThat(m.value("kasa_scrape_success", "device_id", VICTIM)).isEqualTo(1);
      assertThat(m.series("kasa_device_relay_state", "device_id", VICTIM)).isEmpty();
      assertThat(m.series("kasa_device_rssi_dbm", "device_id", VICTIM)).isEmpty();
      int handedOn = context.readings("kasa").of(VICTIM, "total").size();
      // the rest of the device stays: 3.25 kWh = 11.7 MJ, 229.8 V, one hour on
      assertThat(m.value("kasa_device_energy_joules_total", "device_id", VICTIM))
          .isCloseTo(11_700_000, within(1e-6));
      assertThat(m.value("kasa_device_voltage_volts", "device_id", VICTIM)).isEqualTo(229.8);
      assertThat(m.value("kasa_device_on_time_seconds", "device_id", VICTIM)).isEqualTo(3600);
      assertThat(context.problems().count("emeter.get_realtime.power_mw")).isPositive();
      assertThat(context.problems().failing())
          .containsOnlyKeys(
              "emeter.get_realtime.power_mw",
              "system.get_sysinfo.relay_state",
              "system.get_sysinfo.rssi");
      awaitScrape(
          collector,
          v -> context.problems().count("emeter.get_realtime.power_mw") > 1); // polled again
      assertThat(context.readings("kasa").of(VICTIM, "total"))
          .hasSize(handedOn); // no power: nothing handed on
      assertThat(m.value("kasa_device_power_watts", "device_id", HEALTHY)).isEqualTo(61.25);
    }
  }

  @Test
  void aTargetWithNothingListeningIsReportedUnderItsAddress() throws Exception {
    String deadTarget;
    try (Fleet gone = Fleet.start("plug-new")) {
      deadTarget = gone.get(0).target();
    }
    try (Fleet fleet = Fleet.start("plug-new");
        TestContext context =
            TestContext.forProvider(new KasaProvider())
                .setting("target", fleet.get(0).target(), deadTarget)
                .setting("poll-interval", "500ms") // again, should a loaded machine miss the first
                .setting("timeout", "500ms")
                .build();
        Collector collector = new KasaProvider().open(context)) {
      MetricValues m = awaitScrape(collector, v -> scraped(v, HEALTHY, 1));
      assertThat(m.value("kasa_scrape_success", "device_id", deadTarget)).isZero();
      assertThat(m.value("kasa_scrape_success", "device_id", HEALTHY)).isEqualTo(1);
      assertThat(collector.summary())
          .anyMatch(line -> line.contains(deadTarget) && line.contains("failed: "));
    }
  }

  /**
   * Polls every device of {@code fleet} twice a second, each request bounded to 500 ms. (Faster, a
   * loaded machine that stalls the poller for a second makes collect() report the readings stale,
   * rightly: three intervals and a cycle's budget would have passed.)
   */
  private static TestContext fastPolling(Fleet fleet) {
    return TestContext.forProvider(new KasaProvider())
        .setting("target", fleet.targets())
        .setting("poll-interval", "500ms")
        .setting("timeout", "500ms")
        .build();
  }

  /** Scrapes until {@code condition} holds, for at most 30 s. */
  private static MetricValues awaitScrape(Collector collector, Predicate<MetricValues> condition)
      throws Exception {
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      MetricValues m = MetricValues.of(collector.collect());
      if (m.has("kasa_scrape_success")
          && m.series("kasa_scrape_success").size() == 2
          && condition.test(m)) {
        return m;
      }
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("condition not reached within 30 s; last scrape:\n" + m.text());
      }
      Thread.sleep(50);
    }
  }

  /**
   * Whether {@code m} has {@code kasa_scrape_success} {@code value} for {@code deviceId}: false,
   * not an error, while the device has not answered yet (its series is then named by its target).
   */
  private static boolean scraped(MetricValues m, String deviceId, int value) {
    return m.series("kasa_scrape_success", "device_id", deviceId).size() == 1
        && m.value("kasa_scrape_success", "device_id", deviceId) == value;
  }
}

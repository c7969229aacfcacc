package dev.powermon.tasmota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.net.DeviceServer;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP against a loopback device server, MQTT against Debian's real mosquitto. */
class TasmotaCollectorTest {
  private static final String STATUS = "/cm?cmnd=Status%2010";
  @TempDir Path dir;

  @Test
  void httpPlugConvertsKilowattHoursAndKeepsEveryQuantity() throws Exception {
    try (DeviceServer plug = new DeviceServer().document(STATUS, () -> resource("status10.json"));
        TestContext ctx =
            TestContext.forProvider(new TasmotaProvider())
                .setting("target", plug.target())
                .setting("interval", "1h")
                .build();
        TasmotaCollector c = TasmotaCollector.open(ctx)) {
      RecordedReadings r = ctx.readings("tasmota");
      assertThat(r.meterClass().label()).isEqualTo("wall");
      assertThat(r.last(plug.target(), "total").watts()).isEqualTo(45);
      assertThat(r.last(plug.target(), "total").joules())
          .isEqualTo(12.5 * 3_600_000); // Total 12.5 kWh
      MetricValues m = MetricValues.of(c.collect());
      String d = plug.target();
      assertThat(m.value("powermon_tasmota_scrape_success", "device", d)).isEqualTo(1);
      assertThat(
              m.value("powermon_tasmota_apparent_power_voltamperes", "device", d, "channel", "0"))
          .isEqualTo(50);
      assertThat(
              m.value(
                  "powermon_tasmota_reactive_power_voltamperes_reactive",
                  "device",
                  d,
                  "channel",
                  "0"))
          .isEqualTo(22);
      assertThat(m.value("powermon_tasmota_power_factor_ratio", "device", d, "channel", "0"))
          .isEqualTo(0.9);
      assertThat(m.value("powermon_tasmota_voltage_volts", "device", d, "channel", "0"))
          .isEqualTo(231);
      assertThat(m.value("powermon_tasmota_current_amps", "device", d, "channel", "0"))
          .isEqualTo(0.216);
      assertThat(m.value("powermon_tasmota_today_energy_joules", "device", d))
          .isEqualTo(900_000); // 0.25 kWh
      assertThat(m.value("powermon_tasmota_yesterday_energy_joules", "device", d))
          .isEqualTo(1_800_000);
      DeclarationCheck.assertEmitsOnlyDeclared(new TasmotaProvider(), c.collect());
    }
  }

  @Test
  void powersNamesTheHostAPlugFeeds() throws Exception {
    try (DeviceServer plug = new DeviceServer().document(STATUS, () -> resource("status10.json"));
        TestContext ctx =
            TestContext.forProvider(new TasmotaProvider())
                .setting("target", plug.target())
                .setting("powers", plug.target() + "=pi")
                .setting("interval", "1h")
                .build();
        TasmotaCollector c = TasmotaCollector.open(ctx)) {
      assertThat(
              MetricValues.of(c.collect())
                  .value(
                      "powermon_meter_covers",
                      "source",
                      "tasmota",
                      "device",
                      plug.target(),
                      "domain",
                      "total",
                      "covers",
                      "pi"))
          .isEqualTo(1);
    }
  }

  @Test
  void aWebPasswordGoesInTheQueryAndNeverIntoMessages() throws Exception {
    Path creds = dir.resolve("tasmota.yml");
    Files.writeString(creds, "username: admin\npassword: 'p&ss w'\n");
    Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));
    try (DeviceServer plug =
        new DeviceServer()
            .document(STATUS + "&user=admin&password=p%26ss+w", () -> resource("status10.json"))
            .document(STATUS, () -> "{\"WARNING\":\"Need user=<username>&password=<password>\"}")) {
      try (TestContext ctx =
              TestContext.forProvider(new TasmotaProvider())
                  .setting("target", plug.target())
                  .setting("credentials-file", creds.toString())
                  .setting("interval", "1h")
                  .build();
          TasmotaCollector c = TasmotaCollector.open(ctx)) {
        assertThat(
                MetricValues.of(c.collect())
                    .value("powermon_tasmota_scrape_success", "device", plug.target()))
            .isEqualTo(1);
      }
      try (TestContext ctx =
              TestContext.forProvider(new TasmotaProvider())
                  .setting("target", plug.target())
                  .setting("interval", "1h")
                  .build();
          TasmotaCollector c = TasmotaCollector.open(ctx)) {
        assertThat(
                MetricValues.of(c.collect())
                    .value("powermon_tasmota_scrape_success", "device", plug.target()))
            .isEqualTo(0);
        assertThat(c.summary())
            .singleElement()
            .asString()
            .endsWith(
                "unreachable: the plug asks for its web password; set collectors.tasmota.credentials-file");
      }
    }
  }

  @Test
  void mqttReadsEveryPlugOnOneConnectionAndASilentOneGoesStale() throws Exception {
    try (Mosquitto broker = new Mosquitto(dir);
        TestContext ctx =
            TestContext.forProvider(new TasmotaProvider())
                .setting("mqtt-broker", broker.url())
                .setting("stale-after", "2s")
                .build();
        TasmotaCollector c = TasmotaCollector.open(ctx)) {
      MqttClient publisher =
          new MqttClient(broker.url(), "test-publisher", new MemoryPersistence());
      publisher.connect();
      RecordedReadings r = ctx.readings("tasmota");
      publisher.publish(
          "tele/desk/SENSOR", resource("sensor.json").getBytes(StandardCharsets.UTF_8), 0, false);
      publisher.publish(
          "tele/rack/SENSOR",
          resource("status10.json")
              .replace("{\"StatusSNS\":", "")
              .replaceFirst("}$", "")
              .getBytes(StandardCharsets.UTF_8),
          0,
          false);
      await(
          () -> !r.of("desk", "total").isEmpty() && !r.of("rack", "total").isEmpty(),
          Duration.ofSeconds(10));
      // desk: two channels, 100 + 20 W, Total 2 kWh
      assertThat(r.last("desk", "total").watts()).isEqualTo(120);
      assertThat(r.last("desk", "total").joules()).isEqualTo(7_200_000);
      assertThat(r.last("desk", "channel1").watts()).isEqualTo(20);
      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.value("powermon_tasmota_mqtt_connected")).isEqualTo(1);
      assertThat(m.value("powermon_tasmota_power_watts", "device", "desk", "channel", "0"))
          .isEqualTo(100);
      // one Voltage for a two-channel meter: the line both channels share
      assertThat(m.value("powermon_tasmota_voltage_volts", "device", "desk", "channel", "1"))
          .isEqualTo(230);
      assertThat(m.value("powermon_tasmota_scrape_success", "device", "rack")).isEqualTo(1);

      // rack keeps publishing, desk falls silent; past stale-after desk drops out, rack stays
      long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < end) {
        publisher.publish(
            "tele/rack/SENSOR",
            resource("status10.json")
                .replace("{\"StatusSNS\":", "")
                .replaceFirst("}$", "")
                .getBytes(StandardCharsets.UTF_8),
            0,
            false);
        Thread.sleep(200);
      }
      MetricValues later = MetricValues.of(c.collect());
      assertThat(later.value("powermon_tasmota_scrape_success", "device", "desk")).isEqualTo(0);
      assertThat(later.series("powermon_tasmota_power_watts", "device", "desk")).isEmpty();
      assertThat(r.forgotten()).containsExactly("desk");
      assertThat(later.value("powermon_tasmota_scrape_success", "device", "rack")).isEqualTo(1);
      publisher.disconnect();
      publisher.close();
    }
  }

  @Test
  void hostileMessagesAreDroppedAndTheListenerLives() throws Exception {
    try (Mosquitto broker = new Mosquitto(dir);
        TestContext ctx =
            TestContext.forProvider(new TasmotaProvider())
                .setting("mqtt-broker", broker.url())
                .build();
        TasmotaCollector c = TasmotaCollector.open(ctx)) {
      MqttClient publisher = new MqttClient(broker.url(), "test-hostile", new MemoryPersistence());
      publisher.connect();
      publisher.publish("tele/a/SENSOR", "not json".getBytes(StandardCharsets.UTF_8), 0, false);
      publisher.publish(
          "tele/b/SENSOR", "{\"Time\":\"x\"}".getBytes(StandardCharsets.UTF_8), 0, false);
      publisher.publish(
          "tele/c/SENSOR",
          ("{\"ENERGY\":{\"Power\":\"" + "9".repeat(70_000) + "\"}}")
              .getBytes(StandardCharsets.UTF_8),
          0,
          false);
      publisher.publish(
          "tele/d/SENSOR",
          "{\"ENERGY\":{\"Power\":-5,\"Voltage\":-1,\"Total\":\"x\"}}"
              .getBytes(StandardCharsets.UTF_8),
          0,
          false);
      publisher.publish(
          "tele/ok/SENSOR", resource("sensor.json").getBytes(StandardCharsets.UTF_8), 0, false);
      RecordedReadings r = ctx.readings("tasmota");
      await(() -> !r.of("ok", "total").isEmpty(), Duration.ofSeconds(10));
      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.series("powermon_tasmota_scrape_success", "device", "a")).isEmpty();
      assertThat(m.series("powermon_tasmota_scrape_success", "device", "b")).isEmpty();
      assertThat(m.series("powermon_tasmota_scrape_success", "device", "c")).isEmpty();
      // d: negative power flows back (kept), a negative voltage and a text Total cost their own
      // series
      assertThat(r.last("d", "total").watts()).isEqualTo(-5);
      assertThat(r.last("d", "total").joules()).isNaN();
      assertThat(m.series("powermon_tasmota_voltage_volts", "device", "d")).isEmpty();
      assertThat(ctx.problems().count("Voltage")).isPositive();
      assertThat(ctx.problems().count("Total")).isPositive();
      publisher.disconnect();
      publisher.close();
    }
  }

  private static String resource(String name) {
    try (InputStream in = TasmotaCollectorTest.class.getResourceAsStream("/tasmota/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void await(BooleanSupplier condition, Duration atMost)
      throws InterruptedException {
    long end = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + atMost);
      }
      Thread.sleep(50);
    }
  }
}

package dev.powermon.e2e;

import dev.powermon.net.DeviceServer;
import dev.powermon.nut.Upsd;
import dev.powermon.shelly.ShellySimulator;
import dev.powermon.tasmota.Mosquitto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The network meters of the dashboards' test, each a real peer on loopback: Debian's upsd with two
 * dummy-ups UPSes (one on line with a measured load, one on battery), a simulated Shelly Pro 3EM, a
 * Tasmota plug over HTTP, and a Tasmota plug publishing every second to Debian's mosquitto.
 */
final class MeterRig implements AutoCloseable {
  private final Upsd upsd;
  private final ShellySimulator shelly;
  private final DeviceServer tasmotaHttp;
  private final Mosquitto broker;
  private final MqttClient publisher;
  private final Thread publishing;

  private MeterRig(Path dir) throws IOException, InterruptedException, MqttException {
    Map<String, String> upses = new LinkedHashMap<>();
    upses.put(
        "rack",
        "ups.status: OL CHRG\nups.load: 23\nups.realpower.nominal: 900\nbattery.charge: 100\n"
            + "battery.runtime: 3600\ninput.voltage: 230\noutput.voltage: 230\n");
    upses.put(
        "closet",
        "ups.status: OB DISCHRG\nups.load: 40\nups.power.nominal: 1500\nbattery.charge: 60\n"
            + "battery.runtime: 900\ninput.voltage: 0\noutput.voltage: 229\n");
    upsd = new Upsd(Files.createDirectories(dir.resolve("upsd")), upses).start();
    shelly = new ShellySimulator(ShellySimulator.Profile.PRO_3EM, null);
    String status10 = resource("status10.json");
    tasmotaHttp = new DeviceServer().document("/cm?cmnd=Status%2010", () -> status10);
    broker = new Mosquitto(Files.createDirectories(dir.resolve("mqtt")));
    publisher = new MqttClient(broker.url(), "e2e-tasmota", new MemoryPersistence());
    publisher.connect();
    byte[] sensor = resource("sensor.json").getBytes(StandardCharsets.UTF_8);
    publishing =
        new Thread(
            () -> {
              // bounded by close(): one message a second, as a plug with TelePeriod 1 would send
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  publisher.publish("tele/desk/SENSOR", sensor, 0, false);
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                } catch (MqttException e) {
                  return;
                }
              }
            },
            "e2e-tasmota-publisher");
    publishing.setDaemon(true);
    publishing.start();
  }

  static MeterRig start(Path dir) throws Exception {
    return new MeterRig(dir);
  }

  /** The exporter flags that name these meters, polled every second. */
  List<String> args() {
    return List.of(
        "--collector=nut,shelly,tasmota",
        "--collector.nut.target=" + upsd.target(),
        "--collector.nut.interval=1s",
        "--collector.shelly.target=" + shelly.target(),
        "--collector.shelly.interval=1s",
        "--collector.tasmota.target=" + tasmotaHttp.target(),
        "--collector.tasmota.interval=1s",
        "--collector.tasmota.mqtt-broker=" + broker.url());
  }

  @Override
  public void close() throws Exception {
    publishing.interrupt();
    publishing.join(5000);
    publisher.disconnect();
    publisher.close();
    broker.close();
    tasmotaHttp.close();
    shelly.close();
    upsd.close();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = MeterRig.class.getResourceAsStream("/tasmota/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}

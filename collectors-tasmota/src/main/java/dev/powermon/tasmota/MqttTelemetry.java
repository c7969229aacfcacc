package dev.powermon.tasmota;

import dev.powermon.api.LabelValues;
import dev.powermon.api.StateLog;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.DeviceJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Listens to every plug's {@code tele/<topic>/SENSOR} message on one broker connection and keeps
 * each plug's latest reading with its arrival time. Plugs are named by the topic's {@code +}
 * segment. Messages over a size limit, from too many plugs, or without a usable ENERGY object are
 * dropped and logged once per plug state change; the connection reconnects by itself.
 */
final class MqttTelemetry implements AutoCloseable {
  /** A SENSOR message is well under 2 KiB; more is not a plug speaking. */
  static final int MAX_MESSAGE_BYTES = 64 * 1024;

  /** Plugs tracked at most, so a broker with runaway topics cannot grow the exporter. */
  static final int MAX_DEVICES = 1024;

  /** A plug's latest reading and when it arrived. */
  record Received(TasmotaReading reading, long epochMillis) {}

  private final MqttClient client;
  private final String topicFilter;
  private final EnergyParser parser;
  private final Clock clock;
  private final StateLog log;
  private final BiConsumer<String, Received> onReading;
  private final Map<String, Received> latest = new ConcurrentSkipListMap<>();
  private volatile boolean connected;

  private MqttTelemetry(
      MqttClient client,
      String topicFilter,
      EnergyParser parser,
      Clock clock,
      StateLog log,
      BiConsumer<String, Received> onReading) {
    this.client = client;
    this.topicFilter = topicFilter;
    this.parser = parser;
    this.clock = clock;
    this.log = log;
    this.onReading = onReading;
  }

  /**
   * Connects to {@code broker} ({@code tcp://host:port}) within {@code timeout} and subscribes.
   *
   * @throws IOException when the broker cannot be reached or refuses; the collector's open fails
   *     with it and the core retries
   */
  static MqttTelemetry connect(
      String broker,
      String topicFilter,
      DeviceCredentials credentials,
      Duration timeout,
      EnergyParser parser,
      Clock clock,
      StateLog log,
      BiConsumer<String, Received> onReading)
      throws IOException {
    try {
      MqttClient client =
          new MqttClient(
              broker, "powermon-" + Long.toHexString(System.nanoTime()), new MemoryPersistence());
      MqttTelemetry telemetry =
          new MqttTelemetry(client, topicFilter, parser, clock, log, onReading);
      client.setCallback(telemetry.callback());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setAutomaticReconnect(true);
      options.setCleanSession(true);
      options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
      options.setKeepAliveInterval(30);
      if (credentials != null) {
        options.setUserName(credentials.username());
        options.setPassword(credentials.password().toCharArray());
      }
      client.connect(options);
      telemetry.connected = true;
      client.subscribe(topicFilter, 0);
      return telemetry;
    } catch (MqttException e) {
      throw new IOException(
          "MQTT broker " + broker + ": " + e.getMessage() + " (reason " + e.getReasonCode() + ")");
    }
  }

  private MqttCallbackExtended callback() {
    return new MqttCallbackExtended() {
      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        if (!reconnect) {
          return; // the first subscription is made by connect()
        }
        connected = true;
        log.ok("mqtt", "connected to " + serverUri + " again");
        // A clean session loses its subscriptions; a blocking subscribe must not run on Paho's own
        // thread.
        Thread resubscribe =
            new Thread(
                () -> {
                  try {
                    client.subscribe(topicFilter, 0);
                  } catch (MqttException e) {
                    log.failing(
                        "mqtt", "cannot subscribe to " + topicFilter + ": " + e.getMessage());
                  }
                },
                "tasmota-mqtt-subscribe");
        resubscribe.setDaemon(true);
        resubscribe.start();
      }

      @Override
      public void connectionLost(Throwable cause) {
        connected = false;
        log.failing("mqtt", "connection lost (" + cause.getMessage() + "); reconnecting");
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        receive(topic, message.getPayload());
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    };
  }

  /** Takes one message; never throws (an exception would make Paho drop the connection). */
  void receive(String topic, byte[] payload) {
    String device = LabelValues.fromDevice(deviceOf(topic));
    try {
      if (payload.length > MAX_MESSAGE_BYTES) {
        throw new IOException("message of " + payload.length + " bytes, over " + MAX_MESSAGE_BYTES);
      }
      if (!latest.containsKey(device) && latest.size() >= MAX_DEVICES) {
        log.failing(
            "mqtt devices", "more than " + MAX_DEVICES + " plugs publish; the rest are ignored");
        return;
      }
      TasmotaReading reading = parser.parse(DeviceJson.parse(payload).get("ENERGY"));
      Received received = new Received(reading, clock.millis());
      latest.put(device, received);
      log.ok(device, "publishes readings again");
      onReading.accept(device, received);
    } catch (IOException | RuntimeException e) {
      log.failing(device, e.getMessage());
    }
  }

  /**
   * The topic's segment that names the plug: {@code tele/<topic>/SENSOR}'s middle, or the whole
   * topic.
   */
  static String deviceOf(String topic) {
    String[] parts = topic.split("/");
    return parts.length == 3 ? parts[1] : topic;
  }

  Map<String, Received> latest() {
    return latest;
  }

  boolean connected() {
    return connected;
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(1000);
      }
      client.close(true);
    } catch (MqttException ignored) {
      // shutting down: nothing to do about a broker that does not say goodbye
    }
  }
}

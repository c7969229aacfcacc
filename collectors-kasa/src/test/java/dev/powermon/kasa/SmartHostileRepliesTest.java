package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.DeviceHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * SMART replies that are truncated, mistyped, oversized or hostile, served over real KLAP: a bad
 * field costs that field, a reply that is not SMART fails the poll with one line.
 */
class SmartHostileRepliesTest {
  private static final DeviceCredentials ACCOUNT = new DeviceCredentials("owner@example.com", "pw");
  private static final String INFO =
      "{\"error_code\":0,\"result\":{\"device_id\":\"D1\",\"model\":\"P110\","
          + "\"nickname\":\"%s\",\"device_on\":%s,\"on_time\":%s,\"rssi\":-50}}";

  /** Polls a device whose replies {@code reply} writes from the request's method name. */
  private static DeviceReading poll(Function<String, String> reply) throws Exception {
    SimulatedKlapDevice.Responder responder =
        plain -> {
          String request = new String(plain, StandardCharsets.UTF_8);
          String method = request.replaceAll(".*\"method\":\"([a-z_]+)\".*", "$1");
          if (request.contains("control_child")) {
            method =
                "child:"
                    + request.replaceAll(".*\"requestData\":\\{\"method\":\"([a-z_]+)\".*", "$1");
          }
          String body = reply.apply(method);
          return (body == null ? "{\"error_code\":-1002}" : body).getBytes(StandardCharsets.UTF_8);
        };
    try (SimulatedKlapDevice device =
        SimulatedKlapDevice.start(
            InetAddress.getByName("127.0.0.1"),
            2,
            ACCOUNT.username(),
            ACCOUNT.password(),
            responder)) {
      SessionSource source =
          new SessionSource(
              new KlapClient(
                  new DeviceHttp(),
                  new KasaAccounts(ACCOUNT),
                  List.of(KlapVersion.V2),
                  System::nanoTime),
              null);
      return new DeviceSession(
              TargetSyntax.parse(device.target(), 9999), Duration.ofSeconds(2), source)
          .poll();
    }
  }

  @Test
  void mistypedFieldsCostOnlyThemselves() throws Exception {
    DeviceReading r =
        poll(
            m ->
                switch (m) {
                  case "get_device_info" -> String.format(INFO, "not base64 !", "\"yes\"", "-5");
                  case "get_energy_usage" ->
                      "{\"error_code\":0,\"result\":{\"current_power\":\"lots\"}}";
                  case "get_emeter_data" ->
                      "{\"error_code\":0,\"result\":{\"voltage_mv\":230000,\"current_ma\":[1]}}";
                  default -> null;
                });
    assertThat(r.info().alias()).isEmpty();
    assertThat(r.info().relayState()).isNull();
    assertThat(r.info().onTimeSeconds()).isNull();
    assertThat(r.info().rssi()).isEqualTo(-50.0);
    assertThat(r.total().watts()).isNull(); // no usable power anywhere: not 0
    assertThat(r.total().volts()).isEqualTo(230.0);
    assertThat(r.total().amps()).isNull();
    assertThat(r.problems())
        .extracting(FieldProblems.Problem::field)
        .contains(
            "get_device_info.nickname",
            "get_device_info.device_on",
            "get_device_info.on_time",
            "get_energy_usage.current_power",
            "get_emeter_data.current_ma");
  }

  @Test
  void aHugeChildListIsCutAtTheOutletLimit() throws Exception {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      list.append(i == 0 ? "" : ",")
          .append("{\"device_id\":\"C")
          .append(i)
          .append("\",\"position\":")
          .append(i + 1)
          .append(",\"device_on\":true}");
    }
    DeviceReading r =
        poll(
            m ->
                switch (m) {
                  case "get_device_info" -> String.format(INFO, "", "true", "1");
                  case "get_child_device_list" ->
                      "{\"error_code\":0,\"result\":{\"start_index\":0,\"sum\":200,\"child_device_list\":["
                          + list
                          + "]}}";
                  case "child:get_energy_usage" ->
                      "{\"error_code\":0,\"result\":{\"current_power\":1000}}";
                  default -> null;
                });
    assertThat(r.outlets()).hasSize(SysInfoParser.MAX_OUTLETS);
    assertThat(r.total().watts()).isEqualTo(16.0); // 16 outlets of 1000 mW
  }

  @Test
  void aDeviceErrorOnDeviceInfoFailsThePollInOneLine() {
    assertThatThrownBy(
            () -> poll(m -> m.equals("get_device_info") ? "{\"error_code\":-1501}" : null))
        .isInstanceOf(IOException.class)
        .hasMessage("get_device_info: device error -1501");
  }

  @Test
  void truncatedJsonFailsThePoll() {
    assertThatThrownBy(
            () ->
                poll(
                    m ->
                        m.equals("get_device_info") ? "{\"error_code\":0,\"result\":{\"dev" : null))
        .isInstanceOf(KasaProtocolException.class)
        .hasMessageStartingWith("reply is not valid JSON");
  }
}

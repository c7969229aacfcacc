package dev.powermon.kasa.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KasaSimulatorMainTest {
  @Test
  void startsNumberedDevicesAndPrintsWhereTheyListen() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<SimulatedDevice> devices =
        KasaSimulatorMain.start(
                new String[] {
                  "--bind",
                  "127.0.0.1",
                  "--profile",
                  "hs300",
                  "--profile",
                  "bulb",
                  "--count",
                  "2",
                  "--fault",
                  "never-answers"
                },
                new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .devices();
    try {
      String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
      assertThat(lines).hasSize(5);
      assertThat(lines[0])
          .matches("device hs300 127\\.0\\.0\\.1:\\d+ 8006A1B2C3D4E5F60718293A4B5C6D7E8F900000");
      assertThat(lines[3])
          .matches("device bulb 127\\.0\\.0\\.1:\\d+ 8006A1B2C3D4E5F60718293A4B5C6D7E8F900003");
      assertThat(lines[4]).isEqualTo("ready");
      assertThat(devices)
          .extracting(d -> d.profile().sysinfo().path("alias").asText())
          .containsExactly(
              "Rack strip #0", "Reading light #1", "Rack strip #2", "Reading light #3");
    } finally {
      devices.forEach(SimulatedDevice::close);
    }
  }

  @Test
  void servesADeviceDumpWhoseStripAnswersEveryOutletWithTheRecordedReply(@TempDir Path dir)
      throws Exception {
    Path dump = dir.resolve("strip.json");
    Files.writeString(
        dump,
        "{\"system\":{\"get_sysinfo\":{\"deviceId\":\"D\",\"model\":\"HS300(US)\","
            + "\"children\":[{\"id\":\"D00\"},{\"id\":\"D01\"}]}},\"emeter\":{\"get_realtime\":{\"power_mw\":17}}}");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<SimulatedDevice> devices =
        KasaSimulatorMain.start(
                new String[] {"--profile-file", dump.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .devices();
    try {
      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .startsWith("device file:" + dump + " 127.0.0.1:")
          .contains(" D\n");
      DeviceProfile profile = devices.get(0).profile();
      ObjectNode outlet1 =
          (ObjectNode)
              DeviceProfile.JSON.readTree(
                  "{\"context\":{\"child_ids\":[\"D01\"]},\"emeter\":{\"get_realtime\":{}}}");
      assertThat(
              profile
                  .answer(outlet1, profile.document())
                  .path("emeter")
                  .path("get_realtime")
                  .path("power_mw")
                  .asInt())
          .isEqualTo(17);
    } finally {
      devices.forEach(SimulatedDevice::close);
    }
    Files.writeString(dump, "{\"system\":{}}");
    assertThatThrownBy(() -> DeviceProfile.fromFile(dump))
        .hasMessageEndingWith("not a device dump (no system.get_sysinfo object)");
  }

  @Test
  void servesKlapAndSmartDevicesOnTheKasaDefaultAccount() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (KasaSimulatorMain.Running running =
        KasaSimulatorMain.start(
            new String[] {"--klap-profile", "hs300-112", "--smart-profile", "p304m"},
            new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
      String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
      assertThat(lines).hasSize(3);
      assertThat(lines[0])
          .matches(
              "device klap:hs300-112 klap://127\\.0\\.0\\.1:\\d+ "
                  + "8006A1B2C3D4E5F60718293A4B5C6D7E8F900008");
      assertThat(lines[1])
          .matches(
              "device smart:p304m klap://127\\.0\\.0\\.1:\\d+ "
                  + "80221B2C3D4E5F60718293A4B5C6D7E8F0000014");
      assertThat(running.klapDevices()).hasSize(2);
    }
    assertThatThrownBy(
            () -> KasaSimulatorMain.start(new String[] {"--smart-profile", "p999"}, System.out))
        .hasMessageContaining("unknown SMART profile 'p999'");
  }

  @Test
  void refusesNonLoopbackAddressesAndUnknownProfiles() {
    assertThatThrownBy(
            () ->
                KasaSimulatorMain.start(
                    new String[] {"--bind", "192.0.2.1", "--profile", "bulb"}, System.out))
        .hasMessageContaining("not a loopback address");
    assertThatThrownBy(
            () -> KasaSimulatorMain.start(new String[] {"--profile", "hs999"}, System.out))
        .hasMessageContaining("unknown profile 'hs999'");
  }
}

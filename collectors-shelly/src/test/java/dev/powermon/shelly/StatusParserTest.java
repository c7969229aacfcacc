package dev.powermon.shelly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.net.DeviceJson;
import dev.powermon.testkit.RecordedProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusParserTest {
  private final RecordedProblems problems = new RecordedProblems();
  private final StatusParser parser = new StatusParser(new Fields(problems));

  private static com.fasterxml.jackson.databind.JsonNode json(String text) throws IOException {
    return DeviceJson.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void gen1EmeterTotalsAreWattHours() throws Exception {
    List<Channel> channels =
        parser.gen1(
            json(
                "{\"emeters\":[{\"power\":-12.5,\"voltage\":230,\"current\":0.1,"
                    + "\"pf\":-0.5,\"total\":2,\"total_returned\":1}]}"));
    assertThat(channels)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("emeter0");
              assertThat(c.watts()).contains(-12.5);
              assertThat(c.energyJoules()).contains(7200.0);
              assertThat(c.returnedJoules()).contains(3600.0);
            });
  }

  @Test
  void aMissingFieldIsAbsentAndAWrongOneIsReported() throws Exception {
    List<Channel> channels =
        parser.gen2(json("{\"switch:0\":{\"apower\":true,\"voltage\":-230,\"output\":\"on\"}}"));
    assertThat(channels)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.watts()).isEmpty();
              assertThat(c.voltage()).isEmpty();
              assertThat(c.current()).isEmpty();
              assertThat(c.relayOn()).isEqualTo(Optional.empty());
            });
    assertThat(problems.failing()).containsOnlyKeys("apower", "voltage", "output");
    assertThat(problems.failing().get("voltage")).isEqualTo("switch:0: -230.0 is negative");
  }

  @Test
  void channelsAreBounded() throws Exception {
    StringBuilder many = new StringBuilder("{\"meters\":[");
    for (int i = 0; i < 100; i++) {
      many.append(i > 0 ? "," : "").append("{\"power\":1}");
    }
    assertThat(parser.gen1(json(many.append("]}").toString()))).hasSize(StatusParser.MAX_CHANNELS);
  }

  @Test
  void unknownComponentsAndNonObjectsAreIgnored() throws Exception {
    assertThat(parser.gen2(json("{\"sys\":{},\"switch:0\":5,\"light:0\":{\"apower\":3}}")))
        .isEmpty();
    assertThat(parser.gen1(json("{\"meters\":{\"power\":1},\"emeters\":\"x\"}"))).isEmpty();
  }

  @Test
  void identityTellsGenerationsApartAndRefusesStrangers() throws Exception {
    assertThat(IdentityParser.parse(json(ShellySimulator.resource("plugs-gen1-shelly.json"))))
        .isEqualTo(
            new ShellyIdentity(
                "shplg-s-a4cf12f45f1a",
                1,
                "SHPLG-S",
                "a4cf12f45f1a",
                "20230913-114008/v1.14.0-gcb84623"));
    assertThat(
            IdentityParser.parse(json(ShellySimulator.resource("pro3em-shelly.json"))).generation())
        .isEqualTo(2);
    assertThatThrownBy(() -> IdentityParser.parse(json("{\"gen\":2}")))
        .hasMessage("/shelly: a Gen2 device without an id");
    assertThatThrownBy(() -> IdentityParser.parse(json("{\"name\":\"router\"}")))
        .hasMessage("/shelly: neither a Gen2+ id nor a Gen1 type and mac; is this a Shelly?");
  }
}

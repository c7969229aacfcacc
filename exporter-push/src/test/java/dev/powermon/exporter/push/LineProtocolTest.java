package dev.powermon.exporter.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineProtocolTest {

  @Test
  void aPowerSampleIsTheHomelabShapeWithInstanceAsHostAndNoJob() {
    Sample s =
        new Sample(
            new Series(
                "powermon_power_watts",
                Labels.of(
                    "source",
                    "rapl",
                    "device",
                    "box",
                    "domain",
                    "package",
                    "socket",
                    "0",
                    "instance",
                    "box",
                    "job",
                    "powermon")),
            1_700_000_000_123L,
            41.25);

    assertThat(new String(LineProtocol.encode(List.of(s)), StandardCharsets.UTF_8))
        .isEqualTo(
            "power,device=box,domain=package,host=box,socket=0,source=rapl watts=41.25 1700000000123\n");
  }

  @Test
  void hostileTagValuesAreEscapedAndParseBackToWhatTheyWere() {
    String alias = "Desk, \"lamp\" = 1\\2 \\";
    Sample s =
        new Sample(
            new Series(
                "powermon_power_watts",
                Labels.of("source", "kasa", "device", alias, "domain", "total")),
            5,
            1.5);

    String line = new String(LineProtocol.encode(List.of(s)), StandardCharsets.UTF_8);

    assertThat(line)
        .startsWith("power,device=Desk\\,\\ \"lamp\"\\ \\=\\ 1\\\\2\\ \\\\,domain=total,");
    assertThat(LineParser.parse(line.strip()))
        .isEqualTo(
            new LineParser.Line(
                "power", Map.of("device", alias, "domain", "total", "source", "kasa"), 1.5, 5));
  }

  @Test
  void lineBreaksBecomeSpacesEmptyTagsAreLeftOutAndNonFiniteValuesSkipped() {
    Series odd =
        new Series("powermon_power_watts", Labels.of("device", "two\nlines", "domain", ""));
    String text =
        new String(
            LineProtocol.encode(
                List.of(
                    new Sample(odd, 1, 2),
                    new Sample(odd, 2, Double.NaN),
                    new Sample(odd, 3, Double.POSITIVE_INFINITY))),
            StandardCharsets.UTF_8);

    assertThat(text).isEqualTo("power,device=two\\ lines watts=2.0 1\n");
  }

  @Test
  void onlyThePowerGaugeGoesToInflux() {
    assertThat(LineProtocol.accepts(new Series("powermon_power_watts", Labels.EMPTY))).isTrue();
    assertThat(LineProtocol.accepts(new Series("powermon_energy_joules_total", Labels.EMPTY)))
        .isFalse();
  }
}

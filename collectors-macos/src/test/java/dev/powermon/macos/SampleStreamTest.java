package dev.powermon.macos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.oshi.FieldProblems;
import dev.powermon.testkit.RecordedProblems;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleStreamTest {
  private final FakeReadings readings = new FakeReadings();
  private final SampleLog ledger = readings.log();
  private final List<String> rejections = new ArrayList<>();
  private int accepted;
  private final RecordedProblems recorded = new RecordedProblems();
  private final FieldProblems fields = new FieldProblems(recorded);
  private final SampleStream stream =
      new SampleStream(
          ledger, () -> 1L, (reason, message) -> rejections.add(reason), () -> accepted++, fields);

  @Test
  void aBadFieldIsCountedPerFieldAndCostsOnlyItsOwnSeries() throws Exception {
    String bad =
        Fixtures.text("powermetrics/m3-macos15.plist")
            .replace("<real>204.061</real>", "<real>-1</real>")
            .replace("<integer>205</integer>", "<string>205</string>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 3; i++) {
      out.write(bad.getBytes(StandardCharsets.UTF_8));
      out.write(0);
    }
    assertThat(stream.read(new ByteArrayInputStream(out.toByteArray()))).isTrue();
    assertThat(accepted).isEqualTo(3);
    assertThat(recorded.count("gpu_power")).isEqualTo(3);
    assertThat(recorded.count("gpu_energy")).isEqualTo(3);
    assertThat(recorded.failing())
        .containsOnly(
            Map.entry("gpu_power", "negative"),
            Map.entry("gpu_energy", "not a number but a String"));
    SampleLog.View v = ledger.view();
    assertThat(v.watts()).containsOnlyKeys("cpu", "ane", "total"); // gpu alone is gone
    assertThat(readings.watts("cpu")).containsExactly(1.31196, 1.31196, 1.31196);
    // the energy counter sums what each window reported: cpu_energy 1318 mJ three times
    assertThat(readings.joules("cpu").get(2)).isCloseTo(3 * 1.318, within(1e-12));
    assertThat(readings.watts("gpu")).isEmpty();
    assertThat(v.rejected()).containsOnly(Map.entry("invalid_value", 6L));
  }

  @Test
  void plistStreamIsSplitAtNul() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String name : List.of("m3-macos15.plist", "m1-macos12.plist")) {
      out.write(Fixtures.bytes("powermetrics/" + name));
      out.write(0);
    }
    assertThat(stream.read(new ByteArrayInputStream(out.toByteArray()))).isTrue();
    assertThat(accepted).isEqualTo(2);
    // cpu 1.318 J + 0.412 J
    // m3: cpu_power 1311.96 mW; m1 (macOS 12): cpu_energy 412 mJ over 1.0028 s
    assertThat(readings.watts("cpu")).hasSize(2).first().isEqualTo(1.31196);
    assertThat(readings.watts("cpu").get(1)).isCloseTo(0.410849621, within(1e-9));
    // two windows arriving at once lose nothing: 1.318 J + 0.412 J
    assertThat(readings.joules("cpu").get(1)).isCloseTo(1.73, within(1e-12));
    assertThat(rejections).isEmpty();
  }

  @Test
  void textStreamKeepsCompleteSamplesAndCallsTheLastOneTruncated() throws Exception {
    byte[] text = Fixtures.bytes("powermetrics/m2-macos13.txt");
    assertThat(stream.read(new ByteArrayInputStream(text))).isTrue();
    // the first sample is complete when the second header arrives; the second ends with the stream
    assertThat(accepted).isEqualTo(1);
    assertThat(rejections).containsExactly("truncated");
    assertThat(ledger.view().watts().get("total")).isEqualTo(1.29);
  }

  @Test
  void anEmptyOrBlankStreamDeliversNothing() throws Exception {
    assertThat(stream.read(new ByteArrayInputStream("\n \0\n".getBytes()))).isFalse();
    assertThat(rejections).isEmpty();
  }

  @Test
  void anOversizedTextSampleIsDroppedAndTheNextOneRead() throws Exception {
    StringBuilder text =
        new StringBuilder("*** Sampled system activity (x) (1000.00ms elapsed) ***\n");
    String filler = "x".repeat(1023) + "\n";
    for (int i = 0; i < (SampleStream.MAX_SAMPLE_BYTES / 1024) + 1; i++) {
      text.append(filler);
    }
    text.append("*** Sampled system activity (y) (1000.00ms elapsed) ***\nCPU Power: 7 W\n");
    text.append("*** Sampled system activity (z) (1000.00ms elapsed) ***\n");
    stream.read(new ByteArrayInputStream(text.toString().getBytes()));
    assertThat(rejections).containsExactly("oversized", "truncated");
    assertThat(ledger.view().watts().get("cpu")).isEqualTo(7.0);
  }
}

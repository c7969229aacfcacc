package dev.powermon.macos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlistSampleParserTest {
  private final PlistSampleParser parser = new PlistSampleParser();

  private PowerSample parse(String text) throws MalformedSampleException {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String reason(Throwable e) {
    return ((MalformedSampleException) e).reason();
  }

  private static String m3() {
    return Fixtures.text("powermetrics/m3-macos15.plist");
  }

  @Test
  void appleSiliconDomainsInWattsAndJoules() throws Exception {
    PowerSample s = parser.parse(Fixtures.bytes("powermetrics/m3-macos15.plist"));
    // elapsed_ns 1004600000 = 1.0046 s
    assertThat(s.seconds()).isEqualTo(1.0046);
    // cpu_power 1311.96 mW = 1.31196 W; cpu_energy 1318 mJ = 1.318 J
    assertThat(s.domains().get("cpu").watts()).isCloseTo(1.31196, within(1e-12));
    assertThat(s.domains().get("cpu").joules()).isCloseTo(1.318, within(1e-12));
    assertThat(s.domains().get("gpu").joules()).isCloseTo(0.205, within(1e-12));
    assertThat(s.domains().get("ane").watts()).isZero();
    // total = combined_power 1516.02 mW; its energy = 1.51602 W × 1.0046 s = 1.522993692 J
    assertThat(s.domains().get("total").watts()).isCloseTo(1.51602, within(1e-12));
    assertThat(s.domains().get("total").joules()).isCloseTo(1.522993692, within(1e-9));
    assertThat(s.domains()).doesNotContainKey("package");
    assertThat(s.invalid()).isEmpty(); // gpu.idle_ratio nan is outside processor and not read
  }

  @Test
  void powerAgreesWithEnergyOverElapsedWithinOneTenthPercent() throws Exception {
    PowerSample s = parser.parse(Fixtures.bytes("powermetrics/m3-macos15.plist"));
    for (String domain : new String[] {"cpu", "gpu"}) {
      // cpu: 1.318 J / 1.0046 s = 1.311965 W vs 1.31196 W reported
      double fromEnergy = s.domains().get(domain).joules() / s.seconds();
      assertThat(s.domains().get(domain).watts()).isCloseTo(fromEnergy, withinPercentage(0.1));
    }
  }

  @Test
  void macos12WithoutCombinedSumsCpuGpuAneOnly() throws Exception {
    PowerSample s = parser.parse(Fixtures.bytes("powermetrics/m1-macos12.plist"));
    // only *_energy: cpu 412 mJ / 1.0028 s = 0.410849621 W
    assertThat(s.domains().get("cpu").watts()).isCloseTo(0.410849621, within(1e-9));
    // total = (412 + 57 + 3) mJ = 0.472 J; 0.472 / 1.0028 = 0.470682090 W.
    // dram_energy 88, dcs_energy 140 and package_energy 610 overlap these and are never added.
    assertThat(s.domains().get("total").joules()).isCloseTo(0.472, within(1e-12));
    assertThat(s.domains().get("total").watts()).isCloseTo(0.470682090, within(1e-9));
    assertThat(s.domains()).containsOnlyKeys("cpu", "gpu", "ane", "total");
  }

  @Test
  void intelPackageIsTheTotal() throws Exception {
    PowerSample s = parser.parse(Fixtures.bytes("powermetrics/intel-macos14.plist"));
    // package_watts 4.86977 W; package_joules 4.8947 J over 1.00512 s = 4.869767 W, within 0.1 %
    assertThat(s.domains().get("package").watts()).isEqualTo(4.86977);
    assertThat(s.domains().get("package").joules()).isEqualTo(4.8947);
    assertThat(s.domains().get("package").watts())
        .isCloseTo(4.8947 / 1.00512, withinPercentage(0.1));
    assertThat(s.domains().get("total")).isEqualTo(s.domains().get("package"));
    assertThat(s.domains()).containsOnlyKeys("package", "total");
  }

  @Test
  void nanPowerFallsBackToEnergyAndIsReported() throws Exception {
    PowerSample s = parse(m3().replace("<real>1311.96</real>", "<real>nan</real>"));
    assertThat(s.invalid()).containsOnlyKeys("cpu_power").containsEntry("cpu_power", "not finite");
    // 1.318 J / 1.0046 s = 1.311965 W
    assertThat(s.domains().get("cpu").watts()).isCloseTo(1.311965, within(1e-6));
  }

  @Test
  void nanCombinedLeavesNoTotalRatherThanAWrongOne() throws Exception {
    PowerSample s = parse(m3().replace("<real>1516.02</real>", "<real>nan</real>"));
    assertThat(s.domains()).containsOnlyKeys("cpu", "gpu", "ane");
    assertThat(s.invalid()).containsOnlyKeys("combined_power");
  }

  @Test
  void infinityAndNegativeAndWronglyTypedValuesAreInvalidNotZero() throws Exception {
    PowerSample s =
        parse(
            m3().replace("<real>204.061</real>", "<real>inf</real>")
                .replace("<integer>205</integer>", "<integer>-5</integer>")
                .replace("<integer>1318</integer>", "<string>1318</string>"));
    assertThat(s.invalid())
        .containsOnly(
            java.util.Map.entry("gpu_power", "not finite"),
            java.util.Map.entry("gpu_energy", "negative"),
            java.util.Map.entry("cpu_energy", "not a number but a String"));
    assertThat(s.domains()).doesNotContainKey("gpu");
    // cpu keeps its power; its energy becomes power × elapsed = 1.31196 × 1.0046 = 1.318
    assertThat(s.domains().get("cpu").joules()).isCloseTo(1.31196 * 1.0046, within(1e-12));
  }

  @Test
  void outOfRangeValuesCostTheirOwnFieldOnly() throws Exception {
    // cpu_power 1.31196e10 mW = 13 MW: out of range; cpu falls back to cpu_energy 1318 mJ over
    // 1.0046 s.
    // combined_power true is a boolean: no total rather than a wrong one; gpu and ane keep theirs.
    PowerSample s =
        parse(
            m3().replace("<real>1311.96</real>", "<real>13119600000</real>")
                .replace("<real>1516.02</real>", "<true/>"));
    assertThat(s.invalid())
        .containsOnly(
            java.util.Map.entry("cpu_power", "out of range (more than 10000.0 W)"),
            java.util.Map.entry("combined_power", "a boolean, not a number"));
    assertThat(s.domains().get("cpu").watts()).isCloseTo(1.318 / 1.0046, within(1e-12));
    assertThat(s.domains().get("gpu").joules()).isCloseTo(0.205, within(1e-12));
    assertThat(s.domains()).containsOnlyKeys("cpu", "gpu", "ane");
  }

  @Test
  void anEnergyBeyondTenKilowattsOverTheWindowIsOutOfRange() throws Exception {
    // 20 000 000 mJ = 20 kJ in 1.0046 s is 19.9 kW
    PowerSample s = parse(m3().replace("<integer>1318</integer>", "<integer>20000000</integer>"));
    assertThat(s.invalid()).containsOnlyKeys("cpu_energy");
    // cpu keeps its power; its energy becomes power x elapsed
    assertThat(s.domains().get("cpu").joules()).isCloseTo(1.31196 * 1.0046, within(1e-12));
  }

  @Test
  void truncatedDocumentIsCountedAsTruncated() {
    String text = m3();
    assertThatThrownBy(() -> parse(text.substring(0, text.length() / 2)))
        .isInstanceOf(MalformedSampleException.class)
        .extracting(PlistSampleParserTest::reason)
        .isEqualTo("truncated");
  }

  @Test
  void garbageIsMalformed() {
    assertThatThrownBy(() -> parse("<plist><dict><key>a</dict></plist>"))
        .isInstanceOf(MalformedSampleException.class)
        .hasMessageStartingWith("not a property list")
        .extracting(PlistSampleParserTest::reason)
        .isEqualTo("malformed");
  }

  @Test
  void missingProcessorOrElapsedIsMissingKey() {
    assertThatThrownBy(() -> parse(m3().replace("<key>processor</key>", "<key>cpu</key>")))
        .hasMessageContaining("no processor in the sample")
        .extracting(PlistSampleParserTest::reason)
        .isEqualTo("missing_key");
    assertThatThrownBy(() -> parse(m3().replace("elapsed_ns", "elapsed")))
        .extracting(PlistSampleParserTest::reason)
        .isEqualTo("missing_key");
  }

  @Test
  void processorWithoutPowerKeysSaysWhichSamplerIsMissing() {
    String noPower =
        "<?xml version=\"1.0\"?><plist><dict><key>elapsed_ns</key><integer>1000000000</integer>"
            + "<key>processor</key><dict><key>clusters</key><array/></dict></dict></plist>";
    assertThatThrownBy(() -> parse(noPower)).hasMessageContaining("--samplers cpu_power");
  }

  @Test
  void absurdElapsedIsRejected() {
    assertThatThrownBy(() -> parse(m3().replace("1004600000", "0")))
        .extracting(PlistSampleParserTest::reason)
        .isEqualTo("invalid_value");
    assertThatThrownBy(
            () -> parse(m3().replace("<integer>1004600000</integer>", "<real>1.5</real>")))
        .extracting(PlistSampleParserTest::reason)
        .isEqualTo("invalid_value");
  }

  @Test
  void externalEntitiesAreNeverResolved(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "42");
    String hostile =
        "<?xml version=\"1.0\"?><!DOCTYPE plist [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + "<plist><dict><key>elapsed_ns</key><integer>1000000000</integer>"
            + "<key>processor</key><dict><key>cpu_power</key><real>&x;</real><key>gpu_power</key><real>5</real></dict>"
            + "</dict></plist>";
    // resolved, the file would make cpu_power 42 mW; unresolved, the value is empty and the
    // document refused
    assertThatThrownBy(() -> parse(hostile))
        .extracting(PlistSampleParserTest::reason)
        .isEqualTo("malformed");
  }

  @Test
  void entityExpansionBombIsRefused() {
    StringBuilder doc =
        new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE plist [<!ENTITY a0 \"xxxxxxxxxx\">");
    for (int i = 1; i < 12; i++) {
      String ref = ("&a" + (i - 1) + ";");
      doc.append("<!ENTITY a")
          .append(i)
          .append(" \"")
          .append(String.join("", java.util.Collections.nCopies(10, ref)))
          .append("\">");
    }
    doc.append("]><plist><dict><key>k</key><string>&a11;</string></dict></plist>");
    assertThatThrownBy(() -> parse(doc.toString())).isInstanceOf(MalformedSampleException.class);
  }

  @Test
  void binaryNoiseIsMalformed() {
    byte[] noise = new byte[4096];
    Arrays.fill(noise, (byte) 0x7f);
    byte[] withEnd =
        (new String(noise, StandardCharsets.ISO_8859_1) + "</plist>")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> parser.parse(withEnd)).isInstanceOf(MalformedSampleException.class);
  }
}

package dev.powermon.macos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextSampleParserTest {

  /** The text from the first header to just before the second (or the end). */
  private static String firstSample(String text) {
    int start = text.indexOf("*** Sampled");
    int next = text.indexOf("*** Sampled", start + 1);
    return text.substring(start, next < 0 ? text.length() : next);
  }

  @Test
  void appleSiliconTakesTheFirstGpuPowerAndCombinedAsTotal() throws Exception {
    PowerSample s =
        TextSampleParser.parse(firstSample(Fixtures.text("powermetrics/m2-macos13.txt")));
    assertThat(s.seconds()).isEqualTo(1.0032);
    // CPU 1234 mW; GPU 56 mW from the processor block (the GPU block's 57 mW is not what Combined
    // adds up)
    assertThat(s.domains().get("cpu").watts()).isEqualTo(1.234);
    assertThat(s.domains().get("gpu").watts()).isEqualTo(0.056);
    // Combined 1290 mW over 1.0032 s = 1.294128 J
    assertThat(s.domains().get("total").watts()).isEqualTo(1.29);
    assertThat(s.domains().get("total").joules()).isCloseTo(1.294128, within(1e-12));
  }

  @Test
  void macos12TotalIsCpuGpuAneWithoutDramDcsOrPackage() throws Exception {
    PowerSample s =
        TextSampleParser.parse(firstSample(Fixtures.text("powermetrics/m2-macos12.txt")));
    // 120 + 30 + 5 = 155 mW; DRAM 40, DCS 60 and Package 210 overlap and are left out
    assertThat(s.domains().get("total").watts()).isCloseTo(0.155, within(1e-12));
    assertThat(s.domains()).containsOnlyKeys("cpu", "gpu", "ane", "total");
  }

  @Test
  void intelPackageInAGermanLocaleIsReadAlike() throws Exception {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      PowerSample s =
          TextSampleParser.parse(firstSample(Fixtures.text("powermetrics/intel-macos14-de.txt")));
      // "5,12W" over "1002,50ms": 5.12 W × 1.0025 s = 5.1328 J
      assertThat(s.domains().get("package").watts()).isEqualTo(5.12);
      assertThat(s.domains().get("total").joules()).isCloseTo(5.1328, within(1e-12));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void aSampleWithoutHeaderOrPowerLinesIsRejected() {
    assertThatThrownBy(() -> TextSampleParser.parse("CPU Power: 12 mW\n"))
        .hasMessageContaining("no '*** Sampled system activity' header");
    assertThatThrownBy(
            () ->
                TextSampleParser.parse(
                    "*** Sampled system activity (x) (1000.00ms elapsed) ***\nGPU idle residency: 3%\n"))
        .hasMessageContaining("no CPU, GPU, ANE, Combined or Intel package power line");
  }

  @Test
  void absurdNumbersAreInvalidNotZero() throws Exception {
    assertThatThrownBy(
            () ->
                TextSampleParser.parse(
                    "*** Sampled system activity (x) (0.00ms elapsed) ***\nCPU Power: 1 mW\n"))
        .hasMessageContaining("elapsed time out of range");
    PowerSample s =
        TextSampleParser.parse(
            "*** Sampled system activity (x) (1000.00ms elapsed) ***\nCPU Power: 1.2.3 mW\nGPU Power: 5 mW\n");
    assertThat(s.invalid()).containsOnlyKeys("cpu_power");
    assertThat(s.domains()).containsOnlyKeys("gpu"); // no total from a partial sum
  }

  @Test
  void anOutOfRangeFieldCostsItsOwnDomainOnly() throws Exception {
    // 12 000 000 mW = 12 kW: no Mac draws that, so cpu is left out; gpu and the Combined total stay
    PowerSample s =
        TextSampleParser.parse(
            "*** Sampled system activity (x) (1000.00ms elapsed) ***\n"
                + "CPU Power: 12000000 mW\nGPU Power: 5 mW\nANE Power: 0 mW\nCombined Power (CPU + GPU + ANE): 405 mW\n");
    assertThat(s.invalid())
        .containsOnly(java.util.Map.entry("cpu_power", "out of range (more than 10000.0 W)"));
    assertThat(s.domains()).containsOnlyKeys("gpu", "ane", "total");
    assertThat(s.domains().get("total").watts()).isEqualTo(0.405);
  }

  @Test
  void aSecondGpuLineDoesNotStandInForAnInvalidFirstOne() throws Exception {
    // the gpu_power block prints GPU Power again; an invalid first one is not replaced by a
    // different reading
    PowerSample s =
        TextSampleParser.parse(
            "*** Sampled system activity (x) (1000.00ms elapsed) ***\n"
                + "CPU Power: 10 mW\nGPU Power: 1,2,3 mW\n**** GPU usage ****\nGPU Power: 4 mW\n");
    assertThat(s.invalid()).containsOnlyKeys("gpu_power");
    assertThat(s.domains()).doesNotContainKey("gpu");
  }

  @Test
  void aHostileNumberIsInvalidNotInfinite() throws Exception {
    String digits = "9".repeat(100_000);
    PowerSample s =
        TextSampleParser.parse(
            "*** Sampled system activity (x) (1000.00ms elapsed) ***\nCPU Power: "
                + digits
                + " mW\nGPU Power: 5 mW\n");
    assertThat(s.invalid())
        .containsOnly(java.util.Map.entry("cpu_power", "a number of 100000 characters"));
    assertThat(s.domains()).containsOnlyKeys("gpu");
  }
}

package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.jetson.TegrastatsSample.Problem;
import dev.powermon.jetson.TegrastatsSample.Rail;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Truncated, oversized, wrongly typed and hostile lines: never an exception, always counted. */
class TegrastatsParserRobustnessTest {

  @Test
  void lineCutInsideARailKeepsWhatCameBeforeAndCountsTheRest() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "RAM 1000/3964MB (lfb 5x2MB) CPU [9%@1479,12%@1479] GPU@39C POM_5V_IN 2230/2100 POM_5V_GPU 40/");

    assertThat(s.isBad()).isFalse();
    assertThat(s.rails()).containsOnlyKeys("POM_5V_IN");
    assertThat(s.temperatures()).containsEntry("GPU", 39.0);
    assertThat(s.unknownTokens()).isEqualTo(2); // "POM_5V_GPU" and "40/"
  }

  @Test
  void lineCutAfterARailNameIsNotMistakenForAnEngineClock() {
    TegrastatsSample s = TegrastatsParser.parse("RAM 1000/3964MB CPU [9%@1479] VDD_IN 12");

    assertThat(s.engines()).isEmpty();
    assertThat(s.rails()).isEmpty();
    assertThat(s.unknownTokens()).isEqualTo(2);
  }

  @Test
  void lineCutInsideTheCpuListHasNoCoresButKeepsRam() {
    TegrastatsSample s = TegrastatsParser.parse("RAM 1000/3964MB (lfb 5x2MB) CPU [9%@1479,12%@14");

    assertThat(s.isBad()).isFalse();
    assertThat(s.cores()).isEmpty();
    assertThat(s.ram()).isPresent();
    assertThat(s.unknownTokens()).isEqualTo(2);
  }

  @Test
  void fragmentWithoutRamOrCpuIsBad() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "[0%@1190,1%@1190] EMC_FREQ 0%@1331 GPU 467mW/467mW CPU 467mW/467mW");

    assertThat(s.isBad()).isTrue();
    assertThat(s.rails()).containsEntry("GPU", new Rail(467, 467, OptionalLong.empty()));
  }

  @Test
  void garbageAndEmptyLinesAreBad() {
    assertThat(TegrastatsParser.parse("Segmentation fault (core dumped)").isBad()).isTrue();
    assertThat(TegrastatsParser.parse("").isBad()).isTrue();
    assertThat(TegrastatsParser.parse("   \t ").isBad()).isTrue();
    assertThat(TegrastatsParser.parse("ERROR@5C").isBad()).isTrue();
  }

  @Test
  void oversizedLineIsBadWithoutBeingTokenized() {
    String huge = "RAM 1/2MB " + "VDD_IN 1/1 ".repeat(1000);

    TegrastatsSample s = TegrastatsParser.parse(huge);

    assertThat(s.isBad()).isTrue();
    assertThat(s.rails()).isEmpty();
  }

  @Test
  void wronglyTypedValuesAreUnknownTokens() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "RAM 1000/3964MB CPU [abc%@1479] EMC_FREQ x%@1600 GR3D_FREQ 150%@76 VDD_IN 12.5mW/3mW tj@hotC "
                + "SWAP 1/2XB 01-02-2025 nonsense");

    assertThat(s.cores()).isEmpty();
    assertThat(s.engines()).isEmpty(); // 150% is not a usage
    assertThat(s.rails()).isEmpty();
    assertThat(s.temperatures()).isEmpty();
    assertThat(s.swap()).isEmpty();
    assertThat(s.unknownTokens()).isEqualTo(13); // every token after "RAM 1000/3964MB"
    // each malformed value is its field's problem; RAM, read well, keeps its series
    assertThat(s.problems())
        .extracting(Problem::field)
        .containsExactly("cpu", "engine", "engine", "rail", "temperature", "swap");
    assertThat(s.problems()).first().isEqualTo(new Problem("cpu", "CPU [abc%@1479]"));
    assertThat(s.ram()).isPresent();
  }

  @Test
  void aMalformedTokenCostsItsOwnSeriesOnly() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "RAM 3300/7620MB CPU [30%@1510,10%@1510] GR3D_FREQ 45%@[612] cpu@60.5C gpu@4x.5C VDD_IN 6000mW/5000mW"
                + " VDD_SOC 12,50mW/1249mW");

    assertThat(s.temperatures()).containsOnlyKeys("cpu");
    assertThat(s.rails()).containsOnlyKeys("VDD_IN");
    assertThat(s.engines()).containsOnlyKeys("GR3D");
    assertThat(s.cores()).hasSize(2);
    assertThat(s.problems())
        .containsExactly(
            new Problem("temperature", "gpu@4x.5C"), new Problem("rail", "VDD_SOC 12,50mW/1249mW"));
  }

  @Test
  void problemTokensAreCutForTheLog() {
    TegrastatsSample s =
        TegrastatsParser.parse("RAM 1/2MB CPU [1%@1] VDD_IN " + "9".repeat(300) + "/1");

    assertThat(s.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("rail");
              assertThat(p.token()).hasSize(65).endsWith("…");
            });
  }

  @Test
  void aTimestampThatIsNoDateIsItsOwnProblem() {
    TegrastatsSample s = TegrastatsParser.parse("13-45-2025 99:99:99 RAM 1/2MB CPU [1%@2]");

    assertThat(s.problems()).containsExactly(new Problem("timestamp", "13-45-2025 99:99:99"));
  }

  @Test
  void hostileNumbersAndNamesNeverOverflowOrThrow() {
    String digits = "9".repeat(40);
    TegrastatsSample s =
        TegrastatsParser.parse(
            "RAM "
                + digits
                + "/"
                + digits
                + "MB CPU ["
                + "1%@1,".repeat(300)
                + "1%@1] VDD_IN "
                + digits
                + "/1 "
                + "cpu@"
                + digits
                + "C "
                + "A".repeat(200)
                + " 5/5 bad\u0000name@3C VDD_SOC\u202e 5/5 13-45-2025 99:99:99");

    assertThat(s.ram()).isEmpty();
    assertThat(s.cores()).isEmpty(); // more than 256 cores is not a Jetson
    assertThat(s.rails()).isEmpty();
    assertThat(s.temperatures()).isEmpty();
    assertThat(s.isBad()).isTrue();
  }

  @Test
  void invalidTimestampIsCountedNotFatal() {
    TegrastatsSample s = TegrastatsParser.parse("13-45-2025 99:99:99 RAM 1/2MB CPU [1%@2]");

    assertThat(s.timestamp()).isEmpty();
    assertThat(s.ram()).isPresent();
    assertThat(s.unknownTokens()).isEqualTo(2);
  }

  @Test
  void firstOfDuplicatedRailWinsAndNcIsDropped() {
    TegrastatsSample s =
        TegrastatsParser.parse("RAM 1/2MB NC 5mW/5mW VDD_IN 10mW/10mW VDD_IN 99mW/99mW NC 7mW/7mW");

    assertThat(s.rails()).containsOnlyKeys("VDD_IN");
    assertThat(s.rails().get("VDD_IN").currentMilliwatts()).isEqualTo(10);
    assertThat(s.unknownTokens()).isZero();
  }
}

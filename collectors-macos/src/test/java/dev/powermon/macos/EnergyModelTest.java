package dev.powermon.macos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyModelTest {
  // Channel names and unit labels as an M4 Pro reports them (CPU Energy mJ, GPU Energy nJ, PCIe
  // uJ), values made up.
  private static final List<ChannelEnergy> M4_PRO_WINDOW =
      List.of(
          new ChannelEnergy("CPU Energy", "mJ", 1_250),
          new ChannelEnergy("EACC_CPU0", "mJ", 90), // inside CPU Energy: never added
          new ChannelEnergy("PACC0_CPU3_SRAM", "mJ", 12),
          new ChannelEnergy("GPU Energy", "nJ", 310_000_000),
          new ChannelEnergy("GPU", "mJ", 305), // the other GPU channel: macmon reads GPU Energy
          new ChannelEnergy("ANE", "mJ", 40),
          new ChannelEnergy("DRAM", "mJ", 220),
          new ChannelEnergy("PCIe Port 0 Energy", "uJ", 5_000));

  @Test
  void eachChannelIsScaledByItsOwnUnit() {
    PowerSample s = EnergyModel.toSample(M4_PRO_WINDOW, 2.0);
    // cpu 1250 mJ = 1.25 J over 2 s = 0.625 W
    assertThat(s.domains().get("cpu").joules()).isCloseTo(1.25, within(1e-12));
    assertThat(s.domains().get("cpu").watts()).isCloseTo(0.625, within(1e-12));
    // gpu 310,000,000 nJ = 0.31 J over 2 s = 0.155 W
    assertThat(s.domains().get("gpu").watts()).isCloseTo(0.155, within(1e-12));
    // ane 40 mJ = 0.04 J → 0.02 W
    assertThat(s.domains().get("ane").watts()).isCloseTo(0.02, within(1e-12));
    // total = 1.25 + 0.31 + 0.04 = 1.6 J → 0.8 W; DRAM, PCIe and per-core channels are not in it
    assertThat(s.domains().get("total").joules()).isCloseTo(1.6, within(1e-12));
    assertThat(s.domains().get("total").watts()).isCloseTo(0.8, within(1e-12));
    assertThat(s.domains()).containsOnlyKeys("cpu", "gpu", "ane", "total");
  }

  @Test
  void microjouleSpellingsAndUltraDiesAddUp() {
    PowerSample s =
        EnergyModel.toSample(
            List.of(
                new ChannelEnergy("DIE_0_CPU Energy", "uJ", 700_000),
                new ChannelEnergy("DIE_1_CPU Energy", "\u00b5J", 300_000),
                new ChannelEnergy("ANE0", "\u03bcJ", 1_000)),
            0.5);
    // (0.7 + 0.3) J over 0.5 s = 2 W; ane 0.001 J → 0.002 W
    assertThat(s.domains().get("cpu").watts()).isCloseTo(2.0, within(1e-12));
    assertThat(s.domains().get("ane").watts()).isCloseTo(0.002, within(1e-12));
  }

  @Test
  void unknownUnitOrNegativeDeltaDropsTheDomainAndTheTotal() {
    PowerSample s =
        EnergyModel.toSample(
            List.of(
                new ChannelEnergy("CPU Energy", "pJ", 10),
                new ChannelEnergy("GPU Energy", "nJ", -5),
                new ChannelEnergy("ANE", "mJ", 4)),
            1.0);
    assertThat(s.invalid()).containsOnlyKeys("CPU Energy", "GPU Energy");
    assertThat(s.domains()).containsOnlyKeys("ane");
  }

  @Test
  void unitLabelsAreReadStrictly() {
    assertThat(EnergyModel.joulesPer(" mJ ")).isEqualTo(1e-3);
    assertThat(EnergyModel.joulesPer("MJ")).isNaN();
    assertThat(EnergyModel.joulesPer("")).isNaN();
  }
}

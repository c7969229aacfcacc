package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.rapl.Deduplicator.Selection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {

  private static Zone die(int id, int die) {
    return new Zone(
        "intel-rapl:" + id,
        "intel-rapl",
        Path.of("energy_uj"),
        new ZoneName("package", "0", Integer.toString(die)),
        VendorRanges.AMD_UJ,
        List.of());
  }

  @Test
  void diesReadMomentsApartStillCountAsLockstep() {
    // The shared counter advanced 30 mJ while the three zones were read one after another.
    Selection s =
        Deduplicator.select(
            List.of(die(0, 0), die(1, 1), die(2, 2)),
            Map.of(
                "intel-rapl:0",
                40_000_000_000L,
                "intel-rapl:1",
                40_000_010_000L,
                "intel-rapl:2",
                40_000_030_000L));
    assertThat(s.kept()).extracting(Zone::id).containsExactly("intel-rapl:0");
    assertThat(s.kept().get(0).name()).isEqualTo(new ZoneName("package", "0", ""));
    assertThat(s.dropped())
        .extracting(Deduplicator.Dropped::reason)
        .containsOnly(Deduplicator.LOCKSTEP);
  }

  @Test
  void independentDiesAreKept() {
    // 1.5 J apart: two dies counting on their own (Cascade Lake-AP), not one counter seen twice.
    Selection s =
        Deduplicator.select(
            List.of(die(0, 0), die(1, 1)),
            Map.of("intel-rapl:0", 40_000_000_000L, "intel-rapl:1", 40_001_500_000L));
    assertThat(s.kept()).extracting(Zone::id).containsExactly("intel-rapl:0", "intel-rapl:1");
    assertThat(s.dropped()).isEmpty();
  }

  @Test
  void anUnreadableDieIsNotGuessedToBeADuplicate() {
    Selection s = Deduplicator.select(List.of(die(0, 0), die(1, 1)), Map.of("intel-rapl:0", 5L));
    assertThat(s.kept()).hasSize(2);
  }
}

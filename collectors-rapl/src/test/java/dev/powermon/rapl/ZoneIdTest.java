package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ZoneIdTest {

  @Test
  void idsAreHexadecimalAndSortNumerically() {
    List<String> sorted =
        Stream.of(
                "intel-rapl:a",
                "intel-rapl:10",
                "intel-rapl:9",
                "intel-rapl:1:0",
                "intel-rapl:1",
                "intel-rapl-mmio:0")
            .map(s -> ZoneId.parse(s).orElseThrow())
            .sorted()
            .map(ZoneId::toString)
            .collect(Collectors.toList());
    // 0xa = 10 sorts after 9 and before 0x10 = 16; a parent sorts before its children.
    assertThat(sorted)
        .containsExactly(
            "intel-rapl:1",
            "intel-rapl:1:0",
            "intel-rapl:9",
            "intel-rapl:a",
            "intel-rapl:10",
            "intel-rapl-mmio:0");
  }

  @Test
  void parentDropsTheLastLevel() {
    assertThat(ZoneId.parse("intel-rapl:a:2").orElseThrow().parent())
        .contains(ZoneId.parse("intel-rapl:a").orElseThrow());
    assertThat(ZoneId.parse("intel-rapl:a").orElseThrow().parent()).isEmpty();
  }

  @Test
  void controlTypeDirectoriesAndJunkAreNotZones() {
    assertThat(ZoneId.parse("intel-rapl")).isEmpty();
    assertThat(ZoneId.parse("intel-rapl:")).isEmpty();
    assertThat(ZoneId.parse("intel-rapl:g")).isEmpty();
    assertThat(ZoneId.parse("intel-rapl:0:0:0:0:0")).isEmpty();
    assertThat(ZoneId.parse("Intel-Rapl:0")).isEmpty();
    assertThat(ZoneId.parse("intel-rapl:fffffffff")).isEqualTo(Optional.empty());
  }
}

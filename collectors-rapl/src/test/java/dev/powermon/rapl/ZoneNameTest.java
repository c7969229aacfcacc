package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZoneNameTest {

  @Test
  void packageNamesGiveSocketAndDie() {
    assertThat(ZoneName.parse("package-1\n", null)).isEqualTo(new ZoneName("package", "1", ""));
    assertThat(ZoneName.parse("package-15", null)).isEqualTo(new ZoneName("package", "15", ""));
    assertThat(ZoneName.parse("package-0-die-1", null))
        .isEqualTo(new ZoneName("package", "0", "1"));
  }

  @Test
  void subZonesInheritTheirParentsSocketAndDie() {
    ZoneName die = ZoneName.parse("package-1-die-3", null);
    assertThat(ZoneName.parse("dram", die)).isEqualTo(new ZoneName("dram", "1", "3"));
    assertThat(ZoneName.parse("core", ZoneName.parse("package-0", null)))
        .isEqualTo(new ZoneName("core", "0", ""));
  }

  @Test
  void psysAndUnknownNamesBecomeDomainsWithoutSocket() {
    assertThat(ZoneName.parse("psys", null)).isEqualTo(new ZoneName("psys", "", ""));
    assertThat(ZoneName.parse("SYSTEM\n", null)).isEqualTo(new ZoneName("system", "", ""));
    assertThat(ZoneName.parse("", null)).isEqualTo(new ZoneName("unnamed", "", ""));
    assertThat(ZoneName.parse("evil\u0007" + "x".repeat(300), null).domain())
        .hasSize(128)
        .doesNotContain("\u0007");
  }

  @Test
  void withoutDieKeepsTheSocket() {
    assertThat(ZoneName.parse("package-1-die-7", null).withoutDie())
        .isEqualTo(new ZoneName("package", "1", ""));
  }
}

package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZoneNameTest {

  @Test
  void packageNamesGiveSocketAndDie() throws Exception {
    assertThat(ZoneName.parse("package-1\n", null)).isEqualTo(new ZoneName("package", "1", ""));
    assertThat(ZoneName.parse("package-15", null)).isEqualTo(new ZoneName("package", "15", ""));
    assertThat(ZoneName.parse("package-0-die-1", null))
        .isEqualTo(new ZoneName("package", "0", "1"));
  }

  @Test
  void subZonesInheritTheirParentsSocketAndDie() throws Exception {
    ZoneName die = ZoneName.parse("package-1-die-3", null);
    assertThat(ZoneName.parse("dram", die)).isEqualTo(new ZoneName("dram", "1", "3"));
    assertThat(ZoneName.parse("core", ZoneName.parse("package-0", null)))
        .isEqualTo(new ZoneName("core", "0", ""));
  }

  @Test
  void psysAndUnknownNamesBecomeDomainsWithoutSocket() throws Exception {
    assertThat(ZoneName.parse("psys", null)).isEqualTo(new ZoneName("psys", "", ""));
    assertThat(ZoneName.parse("SYSTEM\n", null)).isEqualTo(new ZoneName("system", "", ""));
    assertThat(ZoneName.parse("Total", null)).isEqualTo(new ZoneName("zone-total", "", ""));
  }

  @Test
  void emptyHostileAndOversizedNamesAreRefusedByReason() {
    assertThatThrownBy(() -> ZoneName.parse("\n", null))
        .isInstanceOf(MalformedReadingException.class)
        .hasMessage("empty, expected a zone name");
    assertThatThrownBy(() -> ZoneName.parse("evil\u0007x", null))
        .isInstanceOf(MalformedReadingException.class)
        .hasMessage("'evil?x' is not a RAPL zone name");
    assertThatThrownBy(() -> ZoneName.parse("x".repeat(65), null))
        .hasMessageEndingWith("…' is not a RAPL zone name");
    assertThatThrownBy(() -> ZoneName.parse("package 0", null))
        .hasMessage("'package 0' is not a RAPL zone name");
    assertThatThrownBy(() -> ZoneName.parse("pack\uFFFDage", null))
        .hasMessage("'pack\uFFFDage' is not a RAPL zone name");
  }

  @Test
  void withoutDieKeepsTheSocket() throws Exception {
    assertThat(ZoneName.parse("package-1-die-7", null).withoutDie())
        .isEqualTo(new ZoneName("package", "1", ""));
  }
}

package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuStatParserTest {
  @Test
  void busyIsUserNiceSystemIrqSoftirqAndTotalAddsIdleIowaitSteal() throws Exception {
    // user nice system idle iowait irq softirq steal guest guest_nice
    CpuTimes t =
        CpuStatParser.parse(
            "cpu  100 20 30 400 50 6 7 8 90 9\n"
                + "cpu0 50 10 15 200 25 3 3 4 45 4\ncpu1 50 10 15 200 25 3 4 4 45 5\nintr 1 2 3\n");
    assertThat(t.busyTicks()).isEqualTo(100 + 20 + 30 + 6 + 7); // guest is inside user already
    assertThat(t.totalTicks()).isEqualTo(163 + 400 + 50 + 8);
    assertThat(t.cpus()).isEqualTo(2);
  }

  @Test
  void oldKernelsWithoutStealStillParse() throws Exception {
    CpuTimes t = CpuStatParser.parse("cpu  1 2 3 4 5 6 7\n");
    assertThat(t.busyTicks()).isEqualTo(1 + 2 + 3 + 6 + 7);
    assertThat(t.totalTicks()).isEqualTo(19 + 4 + 5);
  }

  @Test
  void truncatedMissingOrNegativeIsRefused() {
    assertThatThrownBy(() -> CpuStatParser.parse("cpu  1 2 3\n"))
        .isInstanceOf(MalformedProcException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> CpuStatParser.parse("intr 1 2\n"))
        .isInstanceOf(MalformedProcException.class)
        .hasMessageContaining("no 'cpu ' line");
    assertThatThrownBy(() -> CpuStatParser.parse("cpu  1 -2 3 4 5 6 7\n"))
        .isInstanceOf(MalformedProcException.class)
        .hasMessageContaining("'-2'");
  }
}

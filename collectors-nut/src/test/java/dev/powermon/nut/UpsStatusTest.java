package dev.powermon.nut;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpsStatusTest {
  @Test
  void splitsFlags() {
    assertThat(UpsStatus.flags("OB DISCHRG LB")).containsExactly("OB", "DISCHRG", "LB");
    assertThat(UpsStatus.flags("  OL   CHRG ")).containsExactly("OL", "CHRG");
  }

  @Test
  void dropsWhatIsNotAFlagAndBoundsTheRest() {
    assertThat(UpsStatus.flags("OL lowercase <script> " + "X".repeat(40))).containsExactly("OL");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      many.append("F").append(i).append(' ');
    }
    assertThat(UpsStatus.flags(many.toString())).hasSize(32);
    assertThat(UpsStatus.flags("")).isEmpty();
  }
}

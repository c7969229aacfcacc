package dev.powermon.rapl;

import java.util.List;

/**
 * The RAPL model-specific registers (Intel SDM vol. 4, AMD PPR for family 17h+). Energy counters
 * are the low 32 bits, in units of 1/2^ESU joules, ESU being bits 12:8 of the power unit register.
 */
final class MsrRegisters {
  /**
   * One counter: its domain, its address, and whether it exists per physical core (AMD core) or per
   * package.
   */
  record Counter(String domain, long address, boolean perCore) {}

  /** A vendor's unit register and counters. */
  record Layout(long unitAddress, List<Counter> counters) {}

  static final Layout INTEL =
      new Layout(
          0x606,
          List.of(
              new Counter(ZoneName.PACKAGE, 0x611, false),
              new Counter("core", 0x639, false),
              new Counter(ZoneName.DRAM, 0x619, false),
              new Counter(ZoneName.PSYS, 0x64D, false)));

  static final Layout AMD =
      new Layout(
          0xC0010299L,
          List.of(
              new Counter(ZoneName.PACKAGE, 0xC001029BL, false),
              new Counter("core", 0xC001029AL, true)));

  private MsrRegisters() {}

  /** Energy status unit: the counter counts 1/2^ESU joules. */
  static int energyStatusUnit(long unitRegister) {
    return (int) ((unitRegister >>> 8) & 0x1F);
  }

  /** A raw 32-bit count in microjoules, rounded down; exact for whole joules. */
  static long microjoules(long counts, int esu) {
    return (counts * 1_000_000L) >>> esu;
  }
}

package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.jetson.TegrastatsSample.CpuCore;
import dev.powermon.jetson.TegrastatsSample.Engine;
import dev.powermon.jetson.TegrastatsSample.Memory;
import dev.powermon.jetson.TegrastatsSample.Rail;
import java.time.LocalDateTime;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * One line per tegrastats generation, written for this project after the shapes of real output,
 * with every field checked. MB in tegrastats are MiB: 2211 MB = 2211 × 1048576 B.
 */
class TegrastatsParserTest {
  private static final long MIB = 1024L * 1024;

  @Test
  void tx1L4t281LowerCaseCpuWithOneSharedClock() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "RAM 2211/3983MB (lfb 61x4MB) SWAP 12/4096MB (cached 3MB) cpu [22%,7%,40%,1%]@921 EMC 4%@665 APE 25 GR3D 17%@230");

    assertThat(s.isBad()).isFalse();
    assertThat(s.timestamp()).isEmpty();
    assertThat(s.ram()).contains(new Memory(2211 * MIB, 3983 * MIB, OptionalLong.empty()));
    assertThat(s.swap()).contains(new Memory(12 * MIB, 4096 * MIB, OptionalLong.of(3 * MIB)));
    assertThat(s.cores())
        .containsExactly(core(0, 22, 921), core(1, 7, 921), core(2, 40, 921), core(3, 1, 921));
    assertThat(s.engines())
        .containsEntry("EMC", engine(4, 665))
        .containsEntry("GR3D", engine(17, 230))
        .containsEntry("APE", clockOnly(25))
        .hasSize(3);
    assertThat(s.temperatures()).isEmpty();
    assertThat(s.rails()).isEmpty();
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void tx1L4t282PerCoreClocksIramAndPmicPlaceholder() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "RAM 512/3984MB (lfb 700x4MB) IRAM 0/252kB(lfb 252kB) CPU [12%@1428,30%@1428,off,off] EMC_FREQ 5%@1600 "
                + "GR3D_FREQ 8%@614 APE 25 AO@33.5C CPU@29C GPU@27.5C PLL@26C Tdiode@31.25C PMIC@100C thermal@28C");

    assertThat(s.cores())
        .containsExactly(core(0, 12, 1428), core(1, 30, 1428), offCore(2), offCore(3));
    assertThat(s.engines())
        .containsEntry("EMC", engine(5, 1600))
        .containsEntry("GR3D", engine(8, 614));
    // PMIC@100C is a constant placeholder, never exported
    assertThat(s.temperatures())
        .containsOnlyKeys("AO", "CPU", "GPU", "PLL", "Tdiode", "thermal")
        .containsEntry("AO", 33.5)
        .containsEntry("CPU", 29.0)
        .containsEntry("Tdiode", 31.25);
    assertThat(s.swap()).isEmpty();
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void jetpack4Tx2RailsWithoutUnitsAndMts() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "RAM 1402/7859MB (lfb 900x4MB) SWAP 0/3929MB (cached 0MB) CPU [6%@2035,off,off,3%@345,2%@345,9%@345] "
                + "EMC_FREQ 1%@1866 GR3D_FREQ 0%@114 APE 150 MTS fg 0% bg 2% PLL@36.5C MCPU@36.5C PMIC@100C Tboard@31C "
                + "GPU@33C BCPU@36.5C thermal@34.1C Tdiode@32.75C VDD_SYS_GPU 230/230 VDD_SYS_SOC 460/472 "
                + "VDD_4V0_WIFI 0/0 VDD_IN 2110/2185 VDD_SYS_CPU 345/380 VDD_SYS_DDR 288/301");

    assertThat(s.cores()).hasSize(6).filteredOn(CpuCore::online).hasSize(4);
    assertThat(s.rails())
        .containsOnlyKeys(
            "VDD_SYS_GPU", "VDD_SYS_SOC", "VDD_4V0_WIFI", "VDD_IN", "VDD_SYS_CPU", "VDD_SYS_DDR");
    assertThat(s.rails().get("VDD_IN")).isEqualTo(new Rail(2110, 2185, OptionalLong.empty()));
    assertThat(s.rails().get("VDD_SYS_DDR")).isEqualTo(new Rail(288, 301, OptionalLong.empty()));
    assertThat(s.temperatures())
        .hasSize(7)
        .containsEntry("thermal", 34.1)
        .doesNotContainKey("PMIC");
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void l4t28Tx2SwapAfterCpuKilobyteBlocksNegativeTempsAndEnginesBetweenRails() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "RAM 3010/7844MB (lfb 2x512kB) CPU [40%@2035,81%@2034,off,off,5%@2035,60%@2035] SWAP 10/1024MB (cached 2MB) "
                + "EMC_FREQ 3%@1866 GR3D_FREQ 44%@1300 BCPU@-40.5C MCPU@-40.5C GPU@-48C AO@41C PMIC@100C "
                + "VDD_IN 9000/9500 VDD_CPU 1500/1600 VDD_GPU 4100/4000 NVENC 1164 NVDEC 1164 VDD_DDR 2100/2100");

    assertThat(s.ram()).contains(new Memory(3010 * MIB, 7844 * MIB, OptionalLong.empty()));
    assertThat(s.swap()).contains(new Memory(10 * MIB, 1024 * MIB, OptionalLong.of(2 * MIB)));
    assertThat(s.temperatures()).containsEntry("BCPU", -40.5).containsEntry("GPU", -48.0);
    assertThat(s.engines())
        .containsEntry("NVENC", clockOnly(1164))
        .containsEntry("NVDEC", clockOnly(1164));
    assertThat(s.rails()).containsOnlyKeys("VDD_IN", "VDD_CPU", "VDD_GPU", "VDD_DDR");
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void jetpack4NanoPomRails() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "RAM 1500/3964MB (lfb 5x2MB) SWAP 100/1982MB (cached 4MB) IRAM 0/252kB(lfb 252kB) "
                + "CPU [9%@1479,12%@1479,4%@1479,7%@1479] EMC_FREQ 2%@1600 GR3D_FREQ 0%@76 NVENC 716 APE 25 "
                + "PLL@38C CPU@41.5C PMIC@50C GPU@39C AO@46C thermal@40.25C POM_5V_IN 2230/2100 POM_5V_GPU 40/38 "
                + "POM_5V_CPU 512/480");

    assertThat(s.rails())
        .containsEntry("POM_5V_IN", new Rail(2230, 2100, OptionalLong.empty()))
        .containsEntry("POM_5V_GPU", new Rail(40, 38, OptionalLong.empty()))
        .hasSize(3);
    assertThat(s.temperatures()).doesNotContainKey("PMIC").hasSize(5);
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void jetpack4AgxXavierRailsWithoutVddPrefixAndOffCores() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "RAM 2100/15827MB (lfb 3000x4MB) CPU [3%@1190,1%@1190,2%@1190,0%@1190,off,off,off,off] EMC_FREQ 1%@665 "
                + "GR3D_FREQ 5%@318 APE 150 MTS fg 0% bg 0% AO@30C GPU@31.5C iwlwifi@35C Tboard@31C Tdiode@34C AUX@30C "
                + "CPU@31C thermal@30.45C PMIC@100C GPU 620/610 CPU 466/470 SOC 1087/1090 CV 0/0 VDDRQ 155/150 SYS5V 1900/1890");

    // CPU and GPU are rails here (value n/n), not the CPU list or a sensor
    assertThat(s.rails()).containsOnlyKeys("GPU", "CPU", "SOC", "CV", "VDDRQ", "SYS5V");
    assertThat(s.rails().get("CPU")).isEqualTo(new Rail(466, 470, OptionalLong.empty()));
    assertThat(s.cores()).hasSize(8).filteredOn(c -> !c.online()).hasSize(4);
    assertThat(s.temperatures()).containsEntry("iwlwifi", 35.0).containsEntry("GPU", 31.5);
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void jetpack5XavierNxTimestampBracketedGpuClockAndMilliwatts() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "03-14-2024 09:26:53 RAM 2900/6851MB (lfb 9x4MB) SWAP 0/3426MB (cached 0MB) "
                + "CPU [11%@1190,8%@1190,9%@1190,4%@1190,15%@1190,6%@1190] EMC_FREQ 3%@1600 GR3D_FREQ 22%@[510] "
                + "VIC_FREQ 115 APE 150 AUX@41C CPU@42.5C thermal@41.6C AO@41C GPU@41.5C PMIC@50C "
                + "VDD_IN 3120mW/3001mW VDD_CPU_GPU_CV 820mW/790mW VDD_SOC 740mW/735mW");

    assertThat(s.timestamp()).contains(LocalDateTime.of(2024, 3, 14, 9, 26, 53));
    assertThat(s.engines())
        .containsEntry("GR3D", engine(22, 510))
        .containsEntry("VIC", clockOnly(115));
    assertThat(s.rails().get("VDD_IN")).isEqualTo(new Rail(3120, 3001, OptionalLong.empty()));
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void jetpack5AgxOrinOfflineSensorsDuplicateNcAndPerGpcClocks() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "06-02-2025 14:01:09 RAM 5120/62801MB (lfb 1200x4MB) SWAP 0/31400MB (cached 0MB) "
                + "CPU [2%@1420,1%@1420,0%@1420,3%@1420,0%@729,0%@729,1%@729,0%@729,0%@729,0%@729,0%@729,4%@729] "
                + "EMC_FREQ 1%@3199 GR3D_FREQ 9%@[612,624] VIC_FREQ 729 APE 174 CV0@-256C CPU@45.5C Tboard@33C "
                + "SOC2@41.25C Tdiode@34.5C SOC0@42.125C CV1@-256C GPU@-256C tj@45.5C SOC1@42C CV2@-256C "
                + "VDD_GPU_SOC 2912mW/2900mW VDD_CPU_CV 780mW/770mW VIN_SYS_5V0 4120mW/4100mW NC 0mW/0mW "
                + "VDDQ_VDD2_1V8AO 402mW/400mW NC 0mW/0mW");

    assertThat(s.offlineSensors()).containsExactlyInAnyOrder("CV0", "CV1", "GPU", "CV2");
    assertThat(s.temperatures())
        .containsOnlyKeys("CPU", "Tboard", "SOC2", "Tdiode", "SOC0", "tj", "SOC1");
    assertThat(s.engines()).containsEntry("GR3D", engine(9, 624)); // the highest GPC clock
    assertThat(s.rails())
        .containsOnlyKeys("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO");
    assertThat(s.cores()).hasSize(12);
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void jetpack6AgxOrinLowerCaseSensorsAndEngineStates() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "11-02-2025 07:45:12 RAM 7001/62841MB (lfb 4x4MB) SWAP 0/31421MB (cached 0MB) "
                + "CPU [4%@729,2%@729,1%@729,8%@729,0%@729,2%@729,6%@729,1%@729,2%@729,0%@729,1%@729,5%@729] "
                + "EMC_FREQ 2%@2133 GR3D_FREQ 31%@[305,305] NVENC 64%@166 NVDEC off NVJPG off NVJPG1 off VIC 28%@115 "
                + "OFA off NVDLA0 off NVDLA1 off PVA0_FREQ off APE 174 cpu@48.125C tboard@37C soc2@45.5C "
                + "tdiode@38.25C soc0@46C gpu@44.75C tj@48.125C soc1@45.375C VDD_GPU_SOC 3120mW/3005mW "
                + "VDD_CPU_CV 610mW/590mW VIN_SYS_5V0 4800mW/4750mW VDDQ_VDD2_1V8AO 620mW/615mW");

    assertThat(s.temperatures())
        .containsEntry("cpu", 48.125)
        .containsEntry("tj", 48.125)
        .hasSize(8);
    assertThat(s.engines())
        .containsEntry("NVENC", engine(64, 166))
        .containsEntry("VIC", engine(28, 115))
        .containsEntry("NVDEC", off())
        .containsEntry("PVA0", off())
        .containsEntry("GR3D", engine(31, 305));
    assertThat(s.rails()).hasSize(4);
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void jetpack6OrinNanoNonRootMissingUnitOnOneRail() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "01-05-2025 18:20:44 RAM 3300/7620MB (lfb 6x2MB) SWAP 0/3810MB (cached 0MB) "
                + "CPU [3%@729,1%@729,2%@729,0%@729,off,off] GR3D_FREQ 4% cpu@60.5C soc2@59.75C soc0@58.5C gpu@59.5C "
                + "tj@60.5C soc1@59.5C VDD_IN 4010mW/4000mW VDD_CPU_GPU_CV 610mW/605 VDD_SOC 1250mW/1249mW");

    assertThat(s.engines())
        .containsEntry("GR3D", new Engine(true, OptionalDouble.of(4), OptionalLong.empty()))
        .doesNotContainKey("EMC");
    assertThat(s.rails().get("VDD_CPU_GPU_CV")).isEqualTo(new Rail(610, 605, OptionalLong.empty()));
    assertThat(s.cores()).endsWith(offCore(4), offCore(5));
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void jetpack7ThorGpuClocksWithoutUsage() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "06-20-2026 08:12:40 RAM 5100/125773MB (lfb 30x4MB) SWAP 0/2048MB (cached 0MB) "
                + "CPU [2%@972,1%@972,0%@972,4%@2601,0%@972,1%@972,0%@972,0%@972,3%@972,0%@972,0%@972,1%@972,0%@972,2%@972] "
                + "EMC_FREQ 1%@665 GR3D_FREQ @[350,350,350] NVENC0_FREQ @0 NVENC1_FREQ @0 NVDEC0_FREQ @1556 "
                + "NVJPG0_FREQ @0 VIC off OFA_FREQ @0 PVA0_FREQ off APE 300 cpu@35.5C tj@36C soc012@34.75C "
                + "soc345@35.25C VDD_GPU 120mW/100mW VDD_CPU_SOC_MSS 4400mW/4300mW VIN_SYS_5V0 4200mW/4180mW");

    assertThat(s.engines())
        .containsEntry("GR3D", clockOnly(350))
        .containsEntry("NVDEC0", clockOnly(1556))
        .containsEntry("NVENC0", clockOnly(0))
        .containsEntry("VIC", off())
        .containsEntry("OFA", clockOnly(0));
    assertThat(s.temperatures()).containsOnlyKeys("cpu", "tj", "soc012", "soc345");
    assertThat(s.cores()).hasSize(14).element(3).isEqualTo(core(3, 4, 2601));
    assertThat(s.rails()).containsOnlyKeys("VDD_GPU", "VDD_CPU_SOC_MSS", "VIN_SYS_5V0");
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void jetpack72CurrentAndMaxTemperaturesAndThreeValueRails() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "08-01-2026 10:15:00 RAM 21000/62817MB (lfb 2x2MB) CPU [20%@2201,12%@2201,off,off] EMC_FREQ 4%@3199 "
                + "GR3D_FREQ 15%@[1300,1300] NVENC0 off NVDLA0 off APE 174 cpu@51.5C/53.25C soc0@48.5C/49C "
                + "gpu@46.625C/47C VDD_GPU_SOC 5010mW/4980mW/5400mW VDD_CPU_CV 3100mW/3050mW/3300mW "
                + "VIN_SYS_5V0 5400mW/5390mW/5600mW");

    // the current value is the reading; JetPack 7.2's second temperature is the peak so far
    assertThat(s.temperatures())
        .containsEntry("cpu", 51.5)
        .containsEntry("soc0", 48.5)
        .containsEntry("gpu", 46.625);
    assertThat(s.rails().get("VDD_GPU_SOC")).isEqualTo(new Rail(5010, 4980, OptionalLong.of(5400)));
    assertThat(s.swap()).isEmpty();
    assertThat(s.unknownTokens()).isZero();
  }

  @Test
  void jetpack72ThorWithCarrierInputRail() {
    TegrastatsSample s =
        TegrastatsParser.parse(
            "08-02-2026 11:00:01 RAM 80000/125772MB (lfb 300x4MB) CPU [10%@972,off,31%@1890] tj@40.5C/41C "
                + "VDD_GPU 3400mW/3400mW/3500mW VDD_CPU_SOC_MSS 7800mW/7700mW/8000mW VIN_SYS_5V0 7500mW/7500mW/7600mW "
                + "VIN 25900mW/25800mW/26500mW");

    assertThat(s.rails().get("VIN")).isEqualTo(new Rail(25900, 25800, OptionalLong.of(26500)));
    assertThat(s.cores()).containsExactly(core(0, 10, 972), offCore(1), core(2, 31, 1890));
    assertThat(s.unknownTokens()).isZero();
  }

  static CpuCore core(int index, int usage, long mhz) {
    return new CpuCore(index, true, OptionalDouble.of(usage), OptionalLong.of(mhz));
  }

  static CpuCore offCore(int index) {
    return new CpuCore(index, false, OptionalDouble.empty(), OptionalLong.empty());
  }

  static Engine engine(int usage, long mhz) {
    return new Engine(true, OptionalDouble.of(usage), OptionalLong.of(mhz));
  }

  static Engine clockOnly(long mhz) {
    return new Engine(true, OptionalDouble.empty(), OptionalLong.of(mhz));
  }

  static Engine off() {
    return new Engine(false, OptionalDouble.empty(), OptionalLong.empty());
  }
}

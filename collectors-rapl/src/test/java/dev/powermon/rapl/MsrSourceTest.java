package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Collector;
import dev.powermon.api.MeterClass;
import dev.powermon.api.StateLog;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.TestContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.helpers.NOPLogger;

/** The MSR fallback on fake msr files: units, 32-bit wrap, sockets, AMD per-core counters. */
class MsrSourceTest {
  private static final long S = 1_000_000_000L;
  private static final String ENERGY = "powermon_energy_joules_total";

  @TempDir Path root;
  private final FaultyFiles files = new FaultyFiles();
  private long nanos;
  private RecordedReadings readings;

  private Sampler sampler(VendorRanges.Vendor vendor) {
    return sampler(files, vendor);
  }

  private Sampler sampler(SysFiles through, VendorRanges.Vendor vendor) {
    MsrSource source = new MsrSource(through, root.resolve("dev"), root.resolve("sys"), vendor);
    TestContext context = TestContext.forProvider(new RaplProvider()).build();
    readings = context.powerReadings(PowerSeries.SOURCE, MeterClass.COMPONENT);
    return new Sampler(
        source,
        () -> nanos,
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        new StateLog(NOPLogger.NOP_LOGGER),
        context.problems(),
        r -> PowerSeries.feed(r, "h", readings, nanos / 1_000_000));
  }

  private MetricValues sampleAfterOneSecond(Sampler s) {
    nanos += S;
    s.sample();
    return Served.of(RaplCollector.families(s.latest()).snapshots(), readings);
  }

  @Test
  void intelPackagesAndDramWithHighBitsMaskedAndA32BitWrap() {
    // ESU 14 (0xA0E03: bits 12:8 = 0x0E): 16384 counts = 1 J. cpu 0,1 in socket 0; cpu 2,3 in
    // socket 1.
    FakeMsr msr = new FakeMsr(root.resolve("dev"), root.resolve("sys"));
    for (int cpu = 0; cpu < 4; cpu++) {
      msr.cpu(cpu, cpu / 2, cpu % 2).register(cpu, 0x606, 0xA0E03);
    }
    msr.register(
            0,
            0x611,
            0xDEAD_0000_0000_0000L
                | (0x1_0000_0000L - 16384)) // 1 J before the wrap; reserved bits set
        .register(0, 0x619, 0)
        .register(2, 0x611, 163_840)
        .register(2, 0x619, 0);
    Sampler s = sampler(VendorRanges.Vendor.INTEL);
    sampleAfterOneSecond(s);
    msr.register(0, 0x611, 0xDEAD_0000_0000_0000L | 32_768) // wrapped: 1 J + 2 J
        .register(0, 0x619, 8192) // 0.5 J
        .register(2, 0x611, 163_840 + 81_920) // 5 J
        .register(2, 0x619, 16_384); // 1 J
    MetricValues m = sampleAfterOneSecond(s);

    assertThat(m.value(ENERGY, "domain", "package", "socket", "0")).isEqualTo(3.0);
    assertThat(m.value(ENERGY, "domain", "dram", "socket", "0")).isEqualTo(0.5);
    assertThat(m.value(ENERGY, "domain", "package", "socket", "1")).isEqualTo(5.0);
    // packages + dram: 3 + 0.5 + 5 + 1
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(9.5);
    assertThat(m.value("powermon_rapl_wraps_total", "rapl_zone", "msr:cpu0:package"))
        .isEqualTo(1.0);
    // 2^32 counts / 2^14 per J = 262144 J
    assertThat(m.value("powermon_rapl_max_energy_range_joules", "rapl_zone", "msr:cpu0:package"))
        .isEqualTo(262_144.0);
    assertThat(
            m.value(
                "powermon_rapl_zone_info",
                "rapl_zone",
                "msr:cpu0:package",
                "control_type",
                "msr",
                "path",
                root.resolve("dev/cpu/0/msr").toString()))
        .isEqualTo(1.0);
  }

  @Test
  void amdCoreCountersArePerPhysicalCoreAndSummedPerSocket() {
    // AMD's registers are 1 apart and the msr driver reads 8 bytes per register number, which no
    // single
    // file can hold, so this test answers through the SysFiles seam. ESU 16: 65536 counts = 1 J.
    // cpu 0,1 are SMT siblings of core 0; cpu 2 is core 1; all in socket 0.
    new FakeMsr(root.resolve("dev"), root.resolve("sys")).cpu(0, 0, 0).cpu(1, 0, 0).cpu(2, 0, 1);
    RegisterFiles regs = new RegisterFiles();
    for (int cpu = 0; cpu < 3; cpu++) {
      regs.set(cpu, 0xC0010299L, 0x1003).set(cpu, 0xC001029AL, 0);
    }
    regs.set(0, 0xC001029BL, 0);
    Sampler s = sampler(regs, VendorRanges.Vendor.AMD);
    sampleAfterOneSecond(s);
    regs.set(0, 0xC001029BL, 10 * 65_536L) // package +10 J
        .set(0, 0xC001029AL, 3 * 65_536L) // core 0 +3 J (cpu 1 is the same core: not read)
        .set(1, 0xC001029AL, 99 * 65_536L)
        .set(2, 0xC001029AL, 4 * 65_536L); // core 1 +4 J
    MetricValues m = sampleAfterOneSecond(s);

    assertThat(m.value(ENERGY, "domain", "core", "socket", "0")).isEqualTo(7.0);
    assertThat(m.value(ENERGY, "domain", "package", "socket", "0")).isEqualTo(10.0);
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(10.0);
    assertThat(m.series("powermon_rapl_zone_info")).hasSize(3);
  }

  /** Register values by CPU and address; everything else from the real (temporary) files. */
  private final class RegisterFiles implements SysFiles {
    private final Map<String, Long> values = new HashMap<>();

    RegisterFiles set(int cpu, long address, long value) {
      values.put(root.resolve("dev/cpu/" + cpu + "/msr") + "@" + address, value);
      return this;
    }

    @Override
    public String read(Path file) throws IOException {
      return files.read(file);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
      return files.list(dir);
    }

    @Override
    public byte[] readAt(Path file, long offset, int length) throws IOException {
      Long v = values.get(file + "@" + offset);
      if (v == null) {
        throw new IOException("Input/output error");
      }
      return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
  }

  @Test
  void permissionDeniedExplainsMsrAccess() throws IOException {
    new FakeMsr(root.resolve("dev"), root.resolve("sys")).cpu(0, 0, 0).register(0, 0x606, 0xA0E03);
    files.fail("cpu/0/msr", new AccessDeniedException("msr"));
    Sampler s = sampler(VendorRanges.Vendor.INTEL);
    sampleAfterOneSecond(s);
    assertThat(s.latest().failure())
        .isEqualTo(
            "cannot read "
                + root.resolve("dev/cpu/0/msr")
                + ": permission denied. Reading MSRs needs root (CAP_SYS_RAWIO) and the msr module"
                + " (modprobe msr); prefer powercap, which only needs read access to energy_uj.");
    assertThat(Files.exists(root.resolve("dev/cpu/0/msr"))).isTrue();
  }

  @Test
  void noMsrDevicesSaysToLoadTheModule() throws IOException {
    Files.createDirectories(root.resolve("dev/cpu"));
    Sampler s = sampler(VendorRanges.Vendor.AMD);
    sampleAfterOneSecond(s);
    assertThat(s.latest().failure())
        .isEqualTo(root.resolve("dev/cpu") + " lists no CPU: load the msr module (modprobe msr)");
  }

  @Test
  void providerFallsBackToMsrOnlyWhenAskedAndPowercapIsAbsent() throws Exception {
    Path sys = root.resolve("sys");
    new FakeMsr(root.resolve("dev"), sys)
        .cpu(0, 0, 0)
        .register(0, 0x606, 0xA0E03)
        .register(0, 0x611, 16_384);
    Files.writeString(
        sys.resolve("devices/system/cpu/modalias"),
        "cpu:type:x86,ven0000fam0006mod008F:feature:,0000\n");
    RaplProvider provider = new RaplProvider();
    try (TestContext ctx =
            TestContext.forProvider(provider)
                .setting("sysfs", sys.toString())
                .setting("dev", root.resolve("dev").toString())
                .setting("msr", "true")
                .setting("interval", "1h")
                .build();
        Collector collector = provider.open(ctx)) {
      assertThat(provider.probe(ctx).detail())
          .isEqualTo("1 RAPL zones: package socket 0 (msr:cpu0:package)");
      assertThat(Served.of(collector, ctx.readings("rapl")).value(ENERGY, "domain", "total"))
          .isZero();
    }
    try (TestContext ctx =
        TestContext.forProvider(provider)
            .setting("sysfs", sys.toString())
            .setting("dev", root.resolve("dev").toString())
            .build()) {
      assertThat(provider.probe(ctx).detail())
          .contains("does not exist", "--collector.rapl.msr=true");
    }
  }
}

package dev.powermon.e2e;

import dev.powermon.hwmon.Fixtures;
import dev.powermon.hwmon.HwmonTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The board sensors of the dashboards' test: chips of the hwmon collector's fixture tree (an INA260
 * rail, an amdgpu, an ACPI power meter, a PMBus PSU) and a fake {@code nvidia-smi} answering in the
 * driver-570 CSV format of the nvidia collector's recorded fixture, as on a host where NVML does
 * not load. The GPU draws little, so the simulated host stays under the high-power alert's
 * threshold.
 */
final class BoardRig {
  private final Path sysfs;
  private final Path nvidiaSmi;

  private BoardRig(Path sysfs, Path nvidiaSmi) {
    this.sysfs = sysfs;
    this.nvidiaSmi = nvidiaSmi;
  }

  static BoardRig write(Path dir) throws IOException {
    HwmonTree tree = new HwmonTree(Files.createDirectories(dir.resolve("hwmon-sys")));
    Fixtures.ina260(tree, "hwmon0");
    Fixtures.amdgpuAverageOnly(tree, "hwmon1");
    Fixtures.acpiPowerMeter(tree, "hwmon2", "187500000");
    Fixtures.pmbusPsu(tree, "hwmon3");
    // the fixture's field order (index, uuid, name, bus id, power average, instant, limit,
    // temperature,
    // utilisation gpu and memory, clocks sm and memory), with a small GPU
    String recorded = resource("/fixtures/smi-570.csv").lines().findFirst().orElseThrow();
    String smallGpu =
        "0, GPU-e2e00000-0000-0000-0000-000000000001, NVIDIA RTX A2000, 00000000:41:00.0, 15.50,"
            + " 16.00, 70.00, 41, 20, 10, 1200, 6000";
    if (recorded.split(",").length != smallGpu.split(",").length) {
      throw new IllegalStateException(
          "the recorded nvidia-smi fixture changed its fields: " + recorded);
    }
    Path csv = Files.writeString(dir.resolve("smi-570.csv"), smallGpu + "\n");
    Path smi = dir.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\ncat '" + csv + "'\n");
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new BoardRig(tree.sysfs(), smi);
  }

  /** The exporter flags that name these sources. */
  List<String> args() {
    return List.of(
        "--collector=hwmon,nvidia",
        "--collector.hwmon.sysfs=" + sysfs,
        "--collector.nvidia.nvidia-smi=" + nvidiaSmi);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BoardRig.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is not on the class path (the nvidia collector's test-jar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

package dev.powermon.jetson;

import dev.powermon.api.LabelValues;
import java.nio.file.Path;

/**
 * The board's name from the device tree, the seed's {@code device_type} label ("NVIDIA Jetson AGX
 * Orin Developer Kit"). It lives in {@code proc}, the sysfs root's sibling, so a fake tree carries
 * its own.
 */
final class DeviceModel {
  static final String UNKNOWN = "unknown";

  private DeviceModel() {}

  static Path modelFile(Path sysfs) {
    return sysfs.toAbsolutePath().normalize().resolveSibling("proc").resolve("device-tree/model");
  }

  /** The model, or {@link #UNKNOWN} when the file is absent or empty. */
  static String read(Path sysfs) {
    String model = LabelValues.fromDevice(SmallFiles.readOrEmpty(modelFile(sysfs)));
    return model.isEmpty() ? UNKNOWN : model;
  }

  static boolean isJetson(String model) {
    return model.contains("Jetson");
  }
}

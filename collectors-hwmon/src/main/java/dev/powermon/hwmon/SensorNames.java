package dev.powermon.hwmon;

import dev.powermon.api.LabelValues;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The exported name of a chip's channel: its {@code <type>N_label} when that is set and no other
 * channel of the same type carries it (INA3221's "NC" on every unconnected channel), else {@code
 * <type>N}.
 */
final class SensorNames {
  private final Path dir;
  private final Map<String, String> labels = new HashMap<>();
  private final Map<String, Integer> uses = new HashMap<>();

  SensorNames(Path dir) {
    this.dir = dir;
  }

  String name(String type, int channel) {
    String label = label(type, channel);
    return label.isEmpty() || uses.get(type + "/" + label) > 1 ? type + channel : label;
  }

  private String label(String type, int channel) {
    if (uses.isEmpty()) {
      countLabels();
    }
    return labels.getOrDefault(type + channel, "");
  }

  /** Reads every {@code *_label} once, so a duplicate is known before the first name is given. */
  private void countLabels() {
    uses.put("", 0); // marks the labels as read even on a chip without any
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*_label")) {
      int seen = 0;
      for (Path file : files) {
        if (++seen > SysfsHwmon.MAX_FILES) {
          break;
        }
        String f = file.getFileName().toString();
        String key = f.substring(0, f.length() - "_label".length());
        String type = key.replaceAll("\\d+$", "");
        String text = LabelValues.fromDevice(SysfsHwmon.text(file).strip());
        if (!text.isEmpty()) {
          labels.put(key, text);
          uses.merge(type + "/" + text, 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      // no labels readable: channels keep their type and number
    }
  }
}

package dev.powermon.jetson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The INA3221/INA238 channels {@link InaDiscovery} found, read file by file. */
final class SysfsRails implements RailSource {
  private final List<RailChannel> channels;

  SysfsRails(List<RailChannel> channels) {
    this.channels = List.copyOf(channels);
  }

  @Override
  public List<String> rails() {
    return channels.stream().map(RailChannel::name).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public Map<String, Double> read(Failures failed) {
    Map<String, Double> watts = new LinkedHashMap<>();
    for (RailChannel c : channels) {
      try {
        watts.put(c.name(), c.watts());
        failed.ok(c.name());
      } catch (IOException e) {
        failed.rail(c.name(), String.valueOf(e.getMessage()));
      }
    }
    return watts;
  }
}

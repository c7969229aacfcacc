package dev.powermon.rapl;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/** Zones and {@code energy_uj} counters from {@code <sysfs>/class/powercap}. */
final class PowercapSource implements EnergySource {
  private final SysFiles files;
  private final PowercapDiscovery discovery;

  PowercapSource(SysFiles files, PowercapDiscovery discovery) {
    this.files = files;
    this.discovery = discovery;
  }

  @Override
  public List<Zone> discover() throws IOException {
    List<Zone> zones;
    try {
      zones = discovery.discover();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(null, null, Hints.noPowercap(discovery.classDir()));
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(null, null, Hints.permissionDenied(discovery.classDir()));
    }
    if (zones.isEmpty()) {
      throw new NoSuchFileException(null, null, Hints.noZones(discovery.classDir()));
    }
    return zones;
  }

  @Override
  public long read(Zone zone) throws IOException {
    return EnergyParser.parse(files.read(zone.counter()));
  }

  @Override
  public long range(Zone zone) {
    try {
      return EnergyParser.parse(files.read(zone.counter().resolveSibling("max_energy_range_uj")));
    } catch (IOException e) {
      return Zone.UNKNOWN_RANGE; // unreadable now: the range known so far stands
    }
  }

  @Override
  public boolean needsDeduplication() {
    return true;
  }
}

package dev.powermon.rapl;

import dev.powermon.api.ParseProblems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every zone under {@code <sysfs>/class/powercap}, whatever its control type. A zone is a
 * directory with {@code name} and {@code energy_uj}; sub-zones are found both as {@code
 * class/powercap} entries (symlinks on a real kernel) and nested in their parent's directory, and
 * labelled from the parent.
 */
final class PowercapDiscovery {
  /**
   * More zones than this is a loop or a hostile tree, not a machine (a 2-socket 8-CCD AMD has 32).
   */
  static final int MAX_ZONES = 512;

  private static final Pattern CONSTRAINT_NAME = Pattern.compile("constraint_(\\d{1,2})_name");

  private final SysFiles files;
  private final Path classDir;
  private final VendorRanges vendorRanges;
  private final ParseProblems problems;

  /** {@code problems} hears of every zone's name and range: unusable, or fine again. */
  PowercapDiscovery(SysFiles files, Path sysfs, VendorRanges vendorRanges, ParseProblems problems) {
    this.files = files;
    this.problems = problems;
    this.classDir = sysfs.resolve("class").resolve("powercap");
    this.vendorRanges = vendorRanges;
  }

  Path classDir() {
    return classDir;
  }

  /**
   * The zones, parents before children, in control-type then id order.
   *
   * @throws IOException when {@code class/powercap} itself cannot be listed
   */
  List<Zone> discover() throws IOException {
    Map<ZoneId, Path> dirs = new TreeMap<>();
    for (Path entry : files.list(classDir)) {
      ZoneId.parse(entry.getFileName().toString()).ifPresent(id -> dirs.putIfAbsent(id, entry));
    }
    Map<ZoneId, Zone> zones = new TreeMap<>();
    Set<ZoneId> visited = new HashSet<>();
    List<ZoneId> pending = new ArrayList<>(dirs.keySet());
    while (!pending.isEmpty() && visited.size() < MAX_ZONES) {
      ZoneId id = pending.remove(0);
      if (visited.add(id)) {
        visit(id, dirs, zones, pending);
      }
    }
    return List.copyOf(zones.values());
  }

  private void visit(
      ZoneId id, Map<ZoneId, Path> dirs, Map<ZoneId, Zone> zones, List<ZoneId> pending) {
    Path dir = dirs.get(id);
    List<String> children = new ArrayList<>();
    try {
      for (Path child : files.list(dir)) {
        children.add(child.getFileName().toString());
      }
    } catch (IOException e) {
      return; // not a directory, or gone: not a zone
    }
    for (String child : children) {
      Optional<ZoneId> nested =
          ZoneId.parse(child).filter(c -> c.parent().filter(id::equals).isPresent());
      nested.ifPresent(
          c -> {
            if (dirs.putIfAbsent(c, dir.resolve(child)) == null) {
              pending.add(c);
            }
          });
    }
    if (!children.contains("name") || !children.contains("energy_uj")) {
      return;
    }
    ZoneName parentName = id.parent().map(zones::get).map(Zone::name).orElse(null);
    ZoneName labels;
    try {
      labels = ZoneName.parse(files.read(dir.resolve("name")), parentName);
      problems.ok(field(id, "name"));
    } catch (IOException e) {
      problems.problem(field(id, "name"), reason(e) + "; the zone is left out");
      return; // a zone without a usable name costs only itself
    }
    long maxRange;
    try {
      maxRange = EnergyParser.parse(files.read(dir.resolve("max_energy_range_uj")));
      problems.ok(field(id, "max_energy_range_uj"));
    } catch (IOException e) {
      problems.problem(
          field(id, "max_energy_range_uj"), reason(e) + "; the vendor's range is used if known");
      maxRange = Zone.UNKNOWN_RANGE;
    }
    if (maxRange <= 0) {
      maxRange = vendorRanges.rangeFor(labels.domain());
    }
    zones.put(
        id,
        new Zone(
            id.toString(),
            id.controlType(),
            dir.resolve("energy_uj"),
            labels,
            maxRange,
            limits(dir, children)));
  }

  /**
   * {@code constraint_N_name} with a readable {@code constraint_N_power_limit_uw}; others are left
   * out.
   */
  private List<Zone.PowerLimit> limits(Path dir, List<String> children) {
    List<Zone.PowerLimit> limits = new ArrayList<>();
    for (String child : children.stream().sorted().toList()) {
      Matcher m = CONSTRAINT_NAME.matcher(child);
      if (m.matches()) {
        Optional<String> constraint = readText(dir.resolve(child));
        Optional<Long> limit =
            readNumber(dir.resolve("constraint_" + m.group(1) + "_power_limit_uw"));
        if (constraint.isPresent() && limit.isPresent()) {
          limits.add(new Zone.PowerLimit(constraint.get().strip(), limit.get()));
        }
      }
    }
    return limits;
  }

  /** The parse-problem field of a zone's file: {@code intel-rapl:1/name}. */
  static String field(Object zoneId, String file) {
    return zoneId + "/" + file;
  }

  /** What was wrong with the content, else why the read failed. */
  private static String reason(IOException e) {
    return e instanceof MalformedReadingException
        ? e.getMessage()
        : "cannot read it (" + ReadError.of(e).label() + "): " + e.getMessage();
  }

  /**
   * Optional metadata: Ubuntu makes it root-only and some firmware answers ENODATA, neither stops a
   * zone.
   */
  private Optional<String> readText(Path file) {
    try {
      return Optional.of(files.read(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Optional<Long> readNumber(Path file) {
    try {
      return Optional.of(EnergyParser.parse(files.read(file)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

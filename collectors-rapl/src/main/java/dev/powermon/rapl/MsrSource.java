package dev.powermon.rapl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fallback when powercap is absent: RAPL MSRs through {@code <dev>/cpu/N/msr}, one CPU per
 * package (and per physical core for AMD's per-core counter), sockets from sysfs topology.
 * Registers the CPU does not implement answer EIO at discovery and are left out.
 */
final class MsrSource implements EnergySource {
  private final SysFiles files;
  private final Path cpuDevs;
  private final Path cpuSysfs;
  private final VendorRanges.Vendor vendor;
  private final Map<String, Reader> readers = new HashMap<>();

  /** How to read one zone: register address and energy status unit. */
  private record Reader(long address, int esu) {}

  MsrSource(SysFiles files, Path dev, Path sysfs, VendorRanges.Vendor vendor) {
    this.files = files;
    this.cpuDevs = dev.resolve("cpu");
    this.cpuSysfs = sysfs.resolve("devices/system/cpu");
    this.vendor = vendor;
  }

  @Override
  public synchronized List<Zone> discover() throws IOException {
    MsrRegisters.Layout layout = layout();
    List<Zone> zones = new ArrayList<>();
    Set<String> packagesSeen = new HashSet<>();
    Set<String> coresSeen = new HashSet<>();
    readers.clear();
    for (Map.Entry<Integer, Path> cpu : cpus().entrySet()) {
      String socket = topology(cpu.getKey(), "physical_package_id");
      String core = socket + "/" + topology(cpu.getKey(), "core_id");
      boolean firstOfPackage = packagesSeen.add(socket);
      boolean firstOfCore = coresSeen.add(core);
      Path msr = cpu.getValue().resolve("msr");
      if (!firstOfPackage && !firstOfCore) {
        continue;
      }
      if (!implemented(msr, layout.unitAddress())) {
        continue;
      }
      int esu = MsrRegisters.energyStatusUnit(register(msr, layout.unitAddress()));
      for (MsrRegisters.Counter c : layout.counters()) {
        // psys covers the platform: read it once, on the first package
        boolean platformDone = c.domain().equals(ZoneName.PSYS) && packagesSeen.size() > 1;
        boolean wanted = (c.perCore() ? firstOfCore : firstOfPackage) && !platformDone;
        if (wanted && implemented(msr, c.address())) {
          String id = "msr:cpu" + cpu.getKey() + ":" + c.domain();
          readers.put(id, new Reader(c.address(), esu));
          long max = MsrRegisters.microjoules(1L << 32, esu);
          String zoneSocket = c.domain().equals(ZoneName.PSYS) ? "" : socket;
          zones.add(
              new Zone(id, "msr", msr, new ZoneName(c.domain(), zoneSocket, ""), max, List.of()));
        }
      }
    }
    return zones;
  }

  @Override
  public synchronized long read(Zone zone) throws IOException {
    Reader r = readers.get(zone.id());
    if (r == null) {
      throw new NoSuchFileException(
          zone.counter().toString(), null, "MSR zone no longer discovered");
    }
    return MsrRegisters.microjoules(register(zone.counter(), r.address()) & 0xFFFF_FFFFL, r.esu());
  }

  @Override
  public boolean needsDeduplication() {
    return false;
  }

  @Override
  public String explain(Zone zone, IOException e) {
    return ReadError.of(e) == ReadError.EACCES
        ? Hints.msrPermissionDenied(zone.counter())
        : EnergySource.super.explain(zone, e);
  }

  private MsrRegisters.Layout layout() throws IOException {
    switch (vendor) {
      case INTEL:
        return MsrRegisters.INTEL;
      case AMD:
        return MsrRegisters.AMD;
      default:
        throw new IOException(
            "cannot tell Intel from AMD in "
                + cpuSysfs.resolve("modalias")
                + ", so the RAPL MSR addresses are unknown");
    }
  }

  /** CPU number to its {@code <dev>/cpu/N} directory, in CPU order. */
  private Map<Integer, Path> cpus() throws IOException {
    Map<Integer, Path> cpus = new TreeMap<>();
    for (Path p : files.list(cpuDevs)) {
      String n = p.getFileName().toString();
      if (n.matches("\\d{1,5}")) {
        cpus.put(Integer.parseInt(n), p);
      }
    }
    if (cpus.isEmpty()) {
      throw new NoSuchFileException(
          null, null, cpuDevs + " lists no CPU: load the msr module (modprobe msr)");
    }
    return cpus;
  }

  private String topology(int cpu, String attribute) throws IOException {
    return Long.toString(
        EnergyParser.parse(
            files.read(cpuSysfs.resolve("cpu" + cpu).resolve("topology").resolve(attribute))));
  }

  private boolean implemented(Path msr, long address) throws IOException {
    try {
      register(msr, address);
      return true;
    } catch (IOException e) {
      if (ReadError.of(e) == ReadError.EACCES) {
        throw new AccessDeniedException(null, null, Hints.msrPermissionDenied(msr));
      }
      return false;
    }
  }

  private long register(Path msr, long address) throws IOException {
    return ByteBuffer.wrap(files.readAt(msr, address, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}

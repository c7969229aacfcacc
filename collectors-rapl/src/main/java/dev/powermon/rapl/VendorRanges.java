package dev.powermon.rapl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a counter wraps when its {@code max_energy_range_uj} is unreadable (Ubuntu's CVE-2020-8694
 * patch makes it root-only too). The range is 2^32 energy units; the common units give the
 * constants below. When the vendor or domain does not pin the unit (Intel DRAM on pre-Sapphire
 * Rapids Xeons uses its own, psys may too), the range stays unknown and a backwards step is dropped
 * rather than guessed.
 */
final class VendorRanges {
  /** 2^32 units of 61.04 µJ (energy status unit 14), Intel package, core and uncore. */
  static final long INTEL_UJ = 262_143_328_850L;

  /** 2^32 units of 15.26 µJ (unit 16), AMD Zen package and core. */
  static final long AMD_UJ = 65_532_610_987L;

  /** {@code /sys/devices/system/cpu/modalias} reads {@code cpu:type:x86,ven0002fam0019…}. */
  private static final Pattern VENDOR = Pattern.compile("ven([0-9A-Fa-f]{4})");

  private static final Set<String> INTEL_DOMAINS = Set.of("package", "core", "uncore");
  private static final Set<String> AMD_DOMAINS = Set.of("package", "core");

  enum Vendor {
    INTEL,
    AMD,
    OTHER
  }

  private final Vendor vendor;

  private VendorRanges(Vendor vendor) {
    this.vendor = vendor;
  }

  /**
   * Reads the CPU vendor from {@code <sysfs>/devices/system/cpu/modalias}; unknown when unreadable.
   */
  static VendorRanges detect(SysFiles files, Path sysfs) {
    try {
      Matcher m = VENDOR.matcher(files.read(sysfs.resolve("devices/system/cpu/modalias")));
      if (!m.find()) {
        return new VendorRanges(Vendor.OTHER);
      }
      // Kernel X86_VENDOR_* numbers: 0 Intel, 2 AMD, 9 Hygon (an AMD Zen licensee).
      switch (Integer.parseInt(m.group(1), 16)) {
        case 0:
          return new VendorRanges(Vendor.INTEL);
        case 2:
        case 9:
          return new VendorRanges(Vendor.AMD);
        default:
          return new VendorRanges(Vendor.OTHER);
      }
    } catch (IOException e) {
      return new VendorRanges(Vendor.OTHER);
    }
  }

  Vendor vendor() {
    return vendor;
  }

  /** The wrap point of {@code domain} in microjoules, or {@link Zone#UNKNOWN_RANGE}. */
  long rangeFor(String domain) {
    if (vendor == Vendor.INTEL && INTEL_DOMAINS.contains(domain)) {
      return INTEL_UJ;
    }
    if (vendor == Vendor.AMD && AMD_DOMAINS.contains(domain)) {
      return AMD_UJ;
    }
    return Zone.UNKNOWN_RANGE;
  }
}

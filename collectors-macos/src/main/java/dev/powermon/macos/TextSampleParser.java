package dev.powermon.macos;

import dev.powermon.macos.PowerSample.DomainEnergy;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one sample of powermetrics' text output (for wrappers and recordings that print text rather
 * than plist). Text has no energy, so energy is power × the header's elapsed time. {@code GPU
 * Power} can appear twice (the cpu_power and gpu_power blocks): the first one is taken, the one
 * Combined Power adds up.
 */
final class TextSampleParser {
  static final Pattern HEADER =
      Pattern.compile(
          "^\\*\\*\\* Sampled system activity \\((.+?)\\) \\(([\\d.,]+)ms elapsed\\) \\*\\*\\*$",
          Pattern.MULTILINE);
  private static final Pattern DOMAIN =
      Pattern.compile("^(CPU|GPU|ANE) Power: +([\\d.,]+) *(mW|W)$", Pattern.MULTILINE);
  private static final Pattern COMBINED =
      Pattern.compile(
          "^Combined Power \\(CPU \\+ GPU \\+ ANE\\): +([\\d.,]+) *(mW|W)$", Pattern.MULTILINE);
  private static final Pattern INTEL_PACKAGE =
      Pattern.compile(
          "^Intel energy model derived package power \\(CPUs\\+GT\\+SA\\): +([\\d.,]+) *(mW|W)$",
          Pattern.MULTILINE);

  /** powermetrics prints a few digits; a longer "number" is garbage. */
  private static final int MAX_NUMBER_LENGTH = 32;

  private TextSampleParser() {}

  static PowerSample parse(String sample) throws MalformedSampleException {
    Matcher header = HEADER.matcher(sample);
    if (!header.find()) {
      throw new MalformedSampleException("missing_key", "no '*** Sampled system activity' header");
    }
    double seconds = number(header.group(2)) / 1000;
    if (!(seconds > 0 && seconds <= 3600)) {
      throw new MalformedSampleException(
          "invalid_value", "elapsed time out of range: " + header.group(2) + " ms");
    }
    Map<String, DomainEnergy> domains = new LinkedHashMap<>();
    Map<String, String> invalid = new LinkedHashMap<>();
    Matcher m = DOMAIN.matcher(sample);
    while (m.find()) {
      String domain = m.group(1).toLowerCase(java.util.Locale.ROOT);
      if (!domains.containsKey(domain) && !invalid.containsKey(domain + "_power")) {
        put(domains, invalid, domain, domain + "_power", m.group(2), m.group(3), seconds);
      }
    }
    Matcher combined = COMBINED.matcher(sample);
    Matcher intel = INTEL_PACKAGE.matcher(sample);
    if (intel.find()) {
      put(domains, invalid, "package", "package_power", intel.group(1), intel.group(2), seconds);
    }
    if (combined.find()) {
      put(
          domains,
          invalid,
          "total",
          "combined_power",
          combined.group(1),
          combined.group(2),
          seconds);
    } else if (domains.containsKey("cpu") && invalid.isEmpty()) {
      // macOS 12 prints no Combined line; DRAM, DCS and Package overlap cpu/gpu/ane and are never
      // added
      double watts = domains.values().stream().mapToDouble(DomainEnergy::watts).sum();
      domains.put("total", new DomainEnergy(watts, watts * seconds));
    } else if (domains.containsKey("package")) {
      domains.put("total", domains.get("package"));
    }
    if (domains.isEmpty() && invalid.isEmpty()) {
      throw new MalformedSampleException(
          "missing_key", "no CPU, GPU, ANE, Combined or Intel package power line");
    }
    return new PowerSample(seconds, domains, invalid);
  }

  private static void put(
      Map<String, DomainEnergy> domains,
      Map<String, String> invalid,
      String domain,
      String field,
      String value,
      String unit,
      double seconds) {
    try {
      double watts = number(value) * (unit.equals("mW") ? 1e-3 : 1);
      if (watts > PowerSample.MAX_WATTS) {
        invalid.put(field, "out of range (more than " + PowerSample.MAX_WATTS + " W)");
        return;
      }
      domains.put(domain, new DomainEnergy(watts, watts * seconds));
    } catch (MalformedSampleException e) {
      invalid.put(field, e.getMessage());
    }
  }

  /**
   * A decimal as powermetrics prints it in any locale: 4.87 or 4,87, never with thousands
   * separators.
   */
  static double number(String text) throws MalformedSampleException {
    if (text.length()
        > MAX_NUMBER_LENGTH) { // a line of digits is no reading, and costly to convert
      throw new MalformedSampleException(
          "invalid_value", "a number of " + text.length() + " characters");
    }
    String s = text.indexOf(',') >= 0 && text.indexOf('.') < 0 ? text.replace(',', '.') : text;
    double value;
    try {
      value = new BigDecimal(s).doubleValue();
    } catch (NumberFormatException e) {
      throw new MalformedSampleException("invalid_value", "not a number: " + text);
    }
    if (!Double.isFinite(value)) { // thousands of digits parse, and overflow a double
      throw new MalformedSampleException("invalid_value", "number out of range");
    }
    return value;
  }
}

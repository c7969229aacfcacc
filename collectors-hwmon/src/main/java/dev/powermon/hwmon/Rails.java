package dev.powermon.hwmon;

import dev.powermon.api.MeterClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's {@code rails} setting: what a power sensor measures, which only they know. Each
 * entry is {@code CHIP/SENSOR=DOMAIN[:wall|:component]} ({@code ina260-1-0040/power1=total:wall}
 * makes a Raspberry Pi's INA260 on its 5 V input that Pi's wall power); the class defaults to
 * component.
 */
final class Rails {
  static final Pattern ENTRY =
      Pattern.compile("([^/=\\s]+)/([^=\\s]+)=([^:=\\s]+)(?::(wall|component))?");

  /** One mapped sensor. */
  record Rail(String domain, MeterClass meterClass) {}

  private final Map<String, Rail> rails;

  private Rails(Map<String, Rail> rails) {
    this.rails = rails;
  }

  /** Parses entries already checked against {@link #ENTRY} by the setting. */
  static Rails parse(List<String> entries) {
    Map<String, Rail> out = new LinkedHashMap<>();
    for (String entry : entries) {
      Matcher m = ENTRY.matcher(entry.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "rails: '" + entry + "' is not CHIP/SENSOR=DOMAIN[:wall|:component]");
      }
      MeterClass c = "wall".equals(m.group(4)) ? MeterClass.WALL : MeterClass.COMPONENT;
      out.put(m.group(1) + "/" + m.group(2), new Rail(m.group(3), c));
    }
    return new Rails(out);
  }

  static boolean isEntry(Object text) {
    return ENTRY.matcher(((String) text).strip()).matches();
  }

  Optional<Rail> of(String chip, String sensor) {
    return Optional.ofNullable(rails.get(chip + "/" + sensor));
  }

  /** Every {@code CHIP/SENSOR} named, to tell the operator which were never found. */
  List<String> keys() {
    return List.copyOf(rails.keySet());
  }
}

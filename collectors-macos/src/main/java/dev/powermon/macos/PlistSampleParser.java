package dev.powermon.macos;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListFormatException;
import com.dd.plist.XMLPropertyListParser;
import dev.powermon.macos.PowerSample.DomainEnergy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads one {@code powermetrics -f plist} document (samplers cpu_power, gpu_power, ane_power).
 *
 * <p>Apple Silicon: {@code processor.{cpu,gpu,ane}_power} in mW (macOS 13+) and {@code *_energy} in
 * mJ over the window; {@code combined_power} is the total, and where macOS 12 lacks it the total is
 * cpu + gpu + ane only (DRAM, DCS and package already overlap those). Intel: {@code package_joules}
 * (J) / {@code package_watts} (W), which is also the total. Not thread-safe: one parser per reader
 * thread.
 */
final class PlistSampleParser {
  /** Longest window accepted; anything longer is a corrupt elapsed_ns rather than a sample. */
  private static final double MAX_SECONDS = 3600;

  private final DocumentBuilder xml = SecureXml.documentBuilder();

  PowerSample parse(byte[] document) throws MalformedSampleException {
    String text = new String(document, StandardCharsets.UTF_8);
    if (!text.contains("</plist>")) {
      throw new MalformedSampleException("truncated", "plist document ends before </plist>");
    }
    NSDictionary root = asDictionary(read(text), "the document");
    double seconds = elapsedSeconds(root);
    NSDictionary processor = asDictionary(root.get("processor"), "processor");
    Window window = new Window(seconds, processor);
    window.apple("cpu");
    window.apple("gpu");
    window.apple("ane");
    window.intelPackage();
    window.total();
    if (window.domains.isEmpty() && window.invalid.isEmpty()) {
      throw new MalformedSampleException(
          "missing_key",
          "processor has no cpu_power, gpu_power, ane_power or package_joules; run powermetrics with --samplers cpu_power");
    }
    return new PowerSample(seconds, window.domains, window.invalid);
  }

  private NSObject read(String text) throws MalformedSampleException {
    // Some macOS versions print inf, which dd-plist refuses; it is as unusable as nan, so read it
    // as nan.
    String finite =
        text.replace("<real>inf</real>", "<real>nan</real>")
            .replace("<real>-inf</real>", "<real>nan</real>");
    try {
      return XMLPropertyListParser.parse(xml.parse(new InputSource(new StringReader(finite))));
    } catch (SAXException
        | IOException
        | PropertyListFormatException
        | IllegalArgumentException e) {
      throw new MalformedSampleException("malformed", "not a property list: " + e.getMessage(), e);
    } finally {
      xml.reset();
    }
  }

  private static double elapsedSeconds(NSDictionary root) throws MalformedSampleException {
    NSObject elapsed = root.get("elapsed_ns");
    if (elapsed == null) {
      throw new MalformedSampleException("missing_key", "no elapsed_ns in the sample");
    }
    if (!(elapsed instanceof NSNumber) || !((NSNumber) elapsed).isInteger()) {
      throw new MalformedSampleException(
          "invalid_value", "elapsed_ns is not an integer: " + elapsed);
    }
    double seconds = ((NSNumber) elapsed).longValue() / 1e9;
    if (seconds <= 0 || seconds > MAX_SECONDS) {
      throw new MalformedSampleException("invalid_value", "elapsed_ns out of range: " + elapsed);
    }
    return seconds;
  }

  private static NSDictionary asDictionary(NSObject o, String what)
      throws MalformedSampleException {
    if (o == null) {
      throw new MalformedSampleException(
          "missing_key",
          "no " + what + " in the sample; run powermetrics with --samplers cpu_power");
    }
    if (!(o instanceof NSDictionary)) {
      throw new MalformedSampleException("invalid_value", what + " is not a dictionary");
    }
    return (NSDictionary) o;
  }

  /** The domains of one window, with the keys that could not be used. */
  private static final class Window {
    final double seconds;
    final NSDictionary processor;
    final Map<String, DomainEnergy> domains = new LinkedHashMap<>();
    final Map<String, String> invalid = new LinkedHashMap<>();

    Window(double seconds, NSDictionary processor) {
      this.seconds = seconds;
      this.processor = processor;
    }

    /** {@code <domain>_power} mW and {@code <domain>_energy} mJ; either alone is enough. */
    void apple(String domain) {
      add(domain, watts(domain + "_power", 1e-3), joules(domain + "_energy", 1e-3));
    }

    void intelPackage() {
      add("package", watts("package_watts", 1), joules("package_joules", 1));
    }

    void total() {
      Double combined = watts("combined_power", 1e-3);
      if (combined != null) {
        domains.put("total", new DomainEnergy(combined, combined * seconds));
      } else if (processor.containsKey("combined_power")) {
        return; // present but unusable: no total rather than a wrong one
      } else if (processor.containsKey("cpu_power") || processor.containsKey("cpu_energy")) {
        sumAppleDomains(); // macOS 12
      } else if (domains.containsKey("package")) {
        domains.put("total", domains.get("package")); // Intel: CPUs + GT + SA
      }
    }

    private void sumAppleDomains() {
      double watts = 0;
      double joules = 0;
      for (String d : List.of("cpu", "gpu", "ane")) {
        if (invalid.containsKey(d + "_power") || invalid.containsKey(d + "_energy")) {
          return;
        }
        DomainEnergy e = domains.get(d);
        if (e != null) {
          watts += e.watts();
          joules += e.joules();
        }
      }
      domains.put("total", new DomainEnergy(watts, joules));
    }

    private void add(String domain, Double watts, Double joules) {
      if (watts != null) {
        domains.put(domain, new DomainEnergy(watts, joules != null ? joules : watts * seconds));
      } else if (joules != null) {
        domains.put(domain, new DomainEnergy(joules / seconds, joules));
      }
    }

    private Double watts(String key, double scale) {
      return number(key, scale, PowerSample.MAX_WATTS);
    }

    private Double joules(String key, double scale) {
      return number(key, scale, PowerSample.MAX_WATTS * seconds);
    }

    /**
     * The key's value times {@code scale}; null when absent, or when unusable (then listed as
     * invalid with the reason).
     */
    private Double number(String key, double scale, double max) {
      NSObject o = processor.get(key);
      if (o == null) {
        return null;
      }
      if (!(o instanceof NSNumber) || ((NSNumber) o).isBoolean()) {
        invalid.put(
            key,
            o instanceof NSNumber
                ? "a boolean, not a number"
                : "not a number but a " + o.getClass().getSimpleName().replace("NS", ""));
        return null;
      }
      double v = ((NSNumber) o).doubleValue() * scale;
      if (!Double.isFinite(v) || v < 0) {
        invalid.put(key, Double.isFinite(v) ? "negative" : "not finite");
      } else if (v > max) {
        invalid.put(key, "out of range (more than " + PowerSample.MAX_WATTS + " W)");
      } else {
        return v;
      }
      return null;
    }
  }
}

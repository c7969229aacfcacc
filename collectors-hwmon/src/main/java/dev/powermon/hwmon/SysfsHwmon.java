package dev.powermon.hwmon;

import dev.powermon.api.LabelValues;
import dev.powermon.api.ParseProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks {@code <sysfs>/class/hwmon/hwmon*} as node_exporter's hwmon collector does and reads the
 * power, energy, current, voltage and temperature attributes of each chip. Bounded: at most {@link
 * #MAX_CHIPS} chips and {@link #MAX_FILES} files per chip, each file read to at most {@link
 * #MAX_BYTES} bytes.
 */
final class SysfsHwmon implements HwmonSource {
  static final int MAX_CHIPS = 128;
  static final int MAX_FILES = 1024;
  static final int MAX_BYTES = 256;
  private static final Pattern ATTRIBUTE =
      Pattern.compile("(power|energy|curr|in|temp)(\\d+)_(input|average)");

  private final Path sysfs;
  private final ParseProblems problems;
  private final ChipReads reads;

  /** Reads chip after chip on the caller's thread: for the probe. */
  SysfsHwmon(Path sysfs, ParseProblems problems) {
    this(sysfs, problems, null);
  }

  /** Reads each chip through {@code reads}, so a stuck read costs only its chip. */
  SysfsHwmon(Path sysfs, ParseProblems problems, ChipReads reads) {
    this.sysfs = sysfs;
    this.problems = problems;
    this.reads = reads;
  }

  /** The class directory this source walks. */
  Path classDir() {
    return sysfs.resolve("class/hwmon");
  }

  @Override
  public List<Chip> read() {
    List<Path> dirs = list(classDir(), "hwmon*", MAX_CHIPS);
    List<Chip> read = new ArrayList<>();
    if (reads == null) {
      dirs.forEach(dir -> read.add(chip(dir)));
    } else {
      read.addAll(reads.read(dirs, this::chip));
    }
    List<Chip> chips = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (Chip c : read) {
      if (c == null) {
        continue; // not a directory
      }
      String hwmon = c.hwmon();
      chips.add(
          labels.add(c.label())
              ? c // same driver and device name twice: told apart by hwmonN
              : new Chip(
                  LabelValues.fromDevice(c.label() + "-" + hwmon),
                  c.name(),
                  c.device(),
                  hwmon,
                  c.sensors()));
      labels.add(chips.get(chips.size() - 1).label());
    }
    return chips;
  }

  /** One chip, or null when {@code dir} is not a chip's directory. */
  private Chip chip(Path dir) {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    String hwmon = dir.getFileName().toString();
    String name = text(dir.resolve("name")).strip();
    if (name.isEmpty()) {
      name = hwmon;
    }
    String device = devicePath(dir);
    String last = device.isEmpty() ? hwmon : device.substring(device.lastIndexOf('/') + 1);
    String label = LabelValues.fromDevice(name + "-" + last);
    return new Chip(label, LabelValues.fromDevice(name), device, hwmon, sensors(dir, label));
  }

  @Override
  public void close() {
    if (reads != null) {
      reads.close();
    }
  }

  /** {@code hwmonN/device} resolved, below sysfs; empty when absent or outside sysfs. */
  private String devicePath(Path dir) {
    try {
      Path real = dir.resolve("device").toRealPath();
      Path root = sysfs.toRealPath();
      return real.startsWith(root) ? root.relativize(real).toString() : "";
    } catch (IOException e) {
      return "";
    }
  }

  private List<Sensor> sensors(Path dir, String chip) {
    Map<String, SensorKind> files = new TreeMap<>(SysfsHwmon::byChannel);
    Map<String, Integer> channels = new HashMap<>();
    for (Path file : list(dir, "*_{input,average}", MAX_FILES)) {
      Matcher m = ATTRIBUTE.matcher(file.getFileName().toString());
      if (m.matches()) {
        SensorKind.of(m.group(1), m.group(3))
            .ifPresent(
                k -> {
                  files.put(m.group(), k);
                  channels.put(m.group(), Integer.parseInt(m.group(2)));
                });
      }
    }
    SensorNames names = new SensorNames(dir);
    List<Sensor> out = new ArrayList<>();
    files.forEach(
        (file, kind) -> {
          String field = chip + "/" + file;
          String text;
          try {
            text = read(dir.resolve(file));
          } catch (IOException e) {
            problems.problem(
                field, "unreadable: " + e.getClass().getSimpleName() + " " + e.getMessage());
            return;
          }
          OptionalDouble v = SensorValueParser.parse(kind, text, field, problems);
          if (v.isPresent()) {
            out.add(
                new Sensor(
                    kind, file, names.name(kind.prefix(), channels.get(file)), v.getAsDouble()));
          }
        });
    return out;
  }

  /** {@code in2_input} before {@code in10_input}: by type, then channel number. */
  private static int byChannel(String a, String b) {
    Matcher ma = ATTRIBUTE.matcher(a);
    Matcher mb = ATTRIBUTE.matcher(b);
    ma.matches();
    mb.matches();
    int c = ma.group(1).compareTo(mb.group(1));
    if (c == 0) {
      c = Long.compare(Long.parseLong(ma.group(2)), Long.parseLong(mb.group(2)));
    }
    return c != 0 ? c : ma.group(3).compareTo(mb.group(3));
  }

  /** A file's text, at most {@link #MAX_BYTES} bytes; empty when it cannot be read. */
  static String text(Path file) {
    try {
      return read(file);
    } catch (IOException e) {
      return "";
    }
  }

  static String read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
    }
  }

  private static List<Path> list(Path dir, String glob, int max) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
      for (Path p : entries) {
        if (out.size() == max) {
          break;
        }
        out.add(p);
      }
    } catch (IOException e) {
      return List.of(); // absent or unreadable: nothing there
    }
    out.sort(null);
    return out;
  }
}

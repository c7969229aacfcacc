package dev.powermon.jetson;

import dev.powermon.jetson.TegrastatsSample.CpuCore;
import dev.powermon.jetson.TegrastatsSample.Engine;
import dev.powermon.jetson.TegrastatsSample.Memory;
import dev.powermon.jetson.TegrastatsSample.Problem;
import dev.powermon.jetson.TegrastatsSample.Rail;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one tegrastats line by tokens, never by position: NVIDIA reordered and renamed groups in
 * every JetPack (SWAP after CPU, engines between rails, lower-case sensors, {@code cur/avg/max}),
 * so each token is recognised by its own form and anything else is skipped and counted.
 */
final class TegrastatsParser {
  /** Longer lines are not tegrastats output; the reader cuts them before they get here. */
  static final int MAX_LINE_CHARS = 4096;

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MM-dd-uuuu HH:mm:ss");
  private static final Pattern DATE = Pattern.compile("\\d{2}-\\d{2}-\\d{4}");
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");
  private static final Pattern TEMP =
      Pattern.compile(
          "([A-Za-z][A-Za-z0-9_]{0,47})@(-?\\d{1,4}(?:\\.\\d{1,6})?)C(?:/-?\\d{1,4}(?:\\.\\d{1,6})?C)?");
  private static final Pattern RAIL =
      Pattern.compile("(\\d{1,9})(?:mW)?/(\\d{1,9})(?:mW)?(?:/(\\d{1,9})(?:mW)?)?");
  private static final Pattern IRAM = Pattern.compile("\\d{1,12}/\\d{1,12}[kMG]B\\(lfb");
  private static final Pattern LFB = Pattern.compile("\\d{1,9}x\\d{1,9}[kMG]B\\)");

  /**
   * Engines that print a bare clock ({@code APE 150}, {@code NVENC 716}); any {@code *_FREQ} may
   * too.
   */
  private static final Pattern BARE_CLOCK_ENGINE =
      Pattern.compile("APE|VIC|OFA|SE|MSENC|(?:NVENC|NVDEC|NVJPG|NVDLA|PVA|DLA)\\d?|.+_FREQ");

  /** Every field a problem can name, for reporting the ones that read well. */
  static final List<String> FIELDS =
      List.of("ram", "swap", "iram", "cpu", "mts", "temperature", "rail", "engine", "timestamp");

  /**
   * Keywords that introduce a group; a keyword whose value cannot be read is that group's problem.
   */
  private static final Set<String> KEYWORDS = Set.of("RAM", "SWAP", "IRAM", "CPU", "cpu", "MTS");

  /** Looks like {@code name@…C}: a temperature whose value could not be read. */
  private static final Pattern TEMP_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}@.*C.*");

  /**
   * The value after a name looks like a rail's ({@code cur/avg}) or an engine's ({@code %},
   * {@code @}, off).
   */
  private static final Pattern RAIL_LIKE = Pattern.compile(".*/.*");

  private static final Pattern ENGINE_LIKE = Pattern.compile(".*[%@].*|of.*");

  /** Longest token text kept in a problem, for the log line. */
  private static final int MAX_PROBLEM_TOKEN = 64;

  /** Offline sensors print -256C. */
  private static final double OFFLINE = -256;

  /** {@code PMIC@100C} (or {@code @50C}) is a fixed placeholder on every board, never a reading. */
  private static final String PMIC = "PMIC";

  private final String[] tokens;
  private int pos;
  private int recognized;
  private int unknown;
  private Optional<LocalDateTime> timestamp = Optional.empty();
  private Optional<Memory> ram = Optional.empty();
  private Optional<Memory> swap = Optional.empty();
  private List<CpuCore> cores = List.of();
  private final Map<String, Engine> engines = new LinkedHashMap<>();
  private final Map<String, Double> temperatures = new LinkedHashMap<>();
  private final Set<String> offline = new LinkedHashSet<>();
  private final Map<String, Rail> rails = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();

  private TegrastatsParser(String line) {
    this.tokens = line.isBlank() ? new String[0] : line.strip().split("\\s+");
  }

  /**
   * Parses {@code line}; never throws. Check {@link TegrastatsSample#isBad()} before using the
   * result.
   */
  static TegrastatsSample parse(String line) {
    if (line.length() > MAX_LINE_CHARS) {
      return new TegrastatsParser("").sample();
    }
    TegrastatsParser p = new TegrastatsParser(line);
    p.timestamp();
    while (p.pos < p.tokens.length) {
      p.token();
    }
    return p.sample();
  }

  private TegrastatsSample sample() {
    return new TegrastatsSample(
        timestamp,
        ram,
        swap,
        List.copyOf(cores),
        inOrder(engines),
        inOrder(temperatures),
        Collections.unmodifiableSet(offline),
        inOrder(rails),
        recognized,
        unknown,
        List.copyOf(problems));
  }

  /** Kept in the order printed, so that when names must be limited the first printed are kept. */
  private static <V> Map<String, V> inOrder(Map<String, V> map) {
    return Collections.unmodifiableMap(map);
  }

  private void timestamp() {
    if (tokens.length < 2 || !DATE.matcher(tokens[0]).matches()) {
      return;
    }
    try {
      timestamp = Optional.of(LocalDateTime.parse(tokens[0] + " " + tokens[1], STAMP));
      pos = 2;
      recognized++;
    } catch (DateTimeParseException e) {
      // shaped like a timestamp, but no date: the token loop counts it as unknown
      problem("timestamp", tokens[0] + " " + tokens[1]);
    }
  }

  private void token() {
    String t = tokens[pos];
    String next = pos + 1 < tokens.length ? tokens[pos + 1] : "";
    int used = special(t, next);
    if (used == 0) {
      used = temperature(t);
    }
    if (used == 0 && NAME.matcher(t).matches()) {
      used = railOrEngine(t, next);
    }
    if (used == 0) {
      unknown++;
      classify(t, next);
      used = 1;
    } else {
      recognized++;
    }
    pos += used;
  }

  /**
   * An unrecognised token that belongs to a known field is that field's problem: a keyword with an
   * unreadable value, {@code name@…C}, or a name followed by a rail- or engine-shaped value.
   * Anything else is a token of a form not known yet (a newer JetPack), counted as unknown only.
   */
  private void classify(String t, String next) {
    if (KEYWORDS.contains(t)) {
      problem(t.toLowerCase(java.util.Locale.ROOT), t + " " + next);
    } else if (TEMP_LIKE.matcher(t).matches()) {
      problem("temperature", t);
    } else if (NAME.matcher(t).matches() && RAIL_LIKE.matcher(next).matches()) {
      problem("rail", t + " " + next);
    } else if (NAME.matcher(t).matches() && ENGINE_LIKE.matcher(next).matches()) {
      problem("engine", t + " " + next);
    }
  }

  private void problem(String field, String token) {
    String shown =
        token.length() > MAX_PROBLEM_TOKEN ? token.substring(0, MAX_PROBLEM_TOKEN) + "…" : token;
    problems.add(new Problem(field, shown));
  }

  /**
   * Groups introduced by a keyword; returns the tokens consumed, 0 when {@code t} is none of them.
   */
  private int special(String t, String next) {
    switch (t) {
      case "RAM":
        return memory(next, "(lfb", false, m -> ram = Optional.of(m));
      case "SWAP":
        return memory(next, "(cached", true, m -> swap = Optional.of(m));
      case "IRAM":
        return iram(next);
      case "CPU":
        return cpu(TokenForms.cpuList(next));
      case "cpu":
        return cpu(TokenForms.oldCpuList(next));
      case "MTS":
        // MTS fg N% bg N%: Denver firmware load, known but not exported
        return pos + 4 < tokens.length && next.equals("fg") && tokens[pos + 3].equals("bg") ? 5 : 0;
      default:
        return 0;
    }
  }

  /**
   * {@code RAM 3468/3983MB (lfb 48x4MB)} or {@code SWAP 873/8192MB (cached 295MB)}. The
   * parenthesised part is consumed when well formed; for SWAP it carries the cached size, for RAM
   * it is not exported.
   */
  private int memory(String next, String openTag, boolean cachedSize, Consumer<Memory> sink) {
    boolean tagged = pos + 3 < tokens.length && tokens[pos + 2].equals(openTag);
    String close = tagged ? tokens[pos + 3] : "";
    OptionalLong cached = cachedSize ? TokenForms.closingSize(close) : OptionalLong.empty();
    boolean closeValid = cachedSize ? cached.isPresent() : LFB.matcher(close).matches();
    Optional<Memory> m = TokenForms.memory(next, cached);
    m.ifPresent(sink);
    return m.isEmpty() ? 0 : closeValid ? 4 : 2;
  }

  /** {@code IRAM 0/252kB(lfb 252kB)} on TX1 and Nano as root: recognised, not exported. */
  private int iram(String next) {
    boolean closed = pos + 2 < tokens.length && TokenForms.closingSize(tokens[pos + 2]).isPresent();
    return IRAM.matcher(next).matches() && closed ? 3 : 0;
  }

  private int cpu(Optional<List<CpuCore>> parsed) {
    parsed.ifPresent(c -> cores = c);
    return parsed.isPresent() ? 2 : 0;
  }

  private int temperature(String t) {
    Matcher m = TEMP.matcher(t);
    if (!m.matches()) {
      return 0;
    }
    String name = m.group(1);
    double celsius = Double.parseDouble(m.group(2));
    if (celsius <= OFFLINE) {
      offline.add(name);
    } else if (!name.equals(PMIC)) {
      temperatures.putIfAbsent(name, celsius);
    }
    return 1;
  }

  private int railOrEngine(String name, String next) {
    Matcher rail = RAIL.matcher(next);
    if (rail.matches()) {
      if (!name.equals("NC")) {
        OptionalLong max =
            rail.group(3) == null
                ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(rail.group(3)));
        rails.putIfAbsent(
            name, new Rail(Long.parseLong(rail.group(1)), Long.parseLong(rail.group(2)), max));
      }
      return 2;
    }
    Optional<Engine> engine = TokenForms.engine(next, BARE_CLOCK_ENGINE.matcher(name).matches());
    engine.ifPresent(e -> engines.putIfAbsent(engineName(name), e));
    return engine.isPresent() ? 2 : 0;
  }

  /**
   * {@code EMC_FREQ} and L4T 28.1's {@code EMC} are one engine; likewise {@code GR3D_FREQ}/{@code
   * GR3D}.
   */
  private static String engineName(String name) {
    return name.endsWith("_FREQ") ? name.substring(0, name.length() - "_FREQ".length()) : name;
  }
}

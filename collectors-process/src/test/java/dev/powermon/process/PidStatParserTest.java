package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PidStatParserTest {
  // Shaped after a real line of a JVM (proc(5) field order); 52 fields.
  private static final String JAVA =
      "4242 (java) S 1 4242 4242 0 -1 4194560 52345 0 12 0 1500 250 0 0"
          + " 20 0 43 0 987654 5012345678 123456 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0"
          + " 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";

  /** Parses {@code line} as read from the file, in a buffer longer than the line. */
  static PidStat parse(String line) throws MalformedProcException {
    byte[] bytes = Arrays.copyOf(line.getBytes(StandardCharsets.UTF_8), line.length() + 64);
    PidStat stat = new PidStat();
    PidStatParser.parse(bytes, line.getBytes(StandardCharsets.UTF_8).length, stat);
    return stat;
  }

  @Test
  void readsCommCpuTicksAndStartTime() throws Exception {
    PidStat s = parse(JAVA);
    assertThat(s.pid).isEqualTo(4242);
    assertThat(s.comm()).isEqualTo("java");
    assertThat(s.utimeTicks).isEqualTo(1500);
    assertThat(s.stimeTicks).isEqualTo(250);
    assertThat(s.startTicks).isEqualTo(987654);
    assertThat(s.cpuTicks()).isEqualTo(1750);
  }

  @Test
  void theBytesAfterTheLengthAreNotRead() throws Exception {
    // a reused buffer holds the tail of a longer line read before: it must not extend this one
    byte[] bytes = (JAVA + " 77 88 99").getBytes(StandardCharsets.UTF_8);
    PidStat s = new PidStat();
    int cut = JAVA.indexOf(" 987654");
    assertThatThrownBy(() -> PidStatParser.parse(bytes, cut, s))
        .isInstanceOf(MalformedProcException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void aKnownCommandNameIsComparedAsBytes() throws Exception {
    PidStat s = parse(JAVA.replace("(java)", "(my (weird) proc)"));
    assertThat(s.commIs("my (weird) proc".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(s.commIs("my (weird)".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(s.commBytes()).isEqualTo("my (weird) proc".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void commWithSpacesAndParenthesesRunsToTheLastParenthesis() throws Exception {
    String line = JAVA.replace("(java)", "(my (weird) proc)");
    PidStat s = parse(line);
    assertThat(s.comm()).isEqualTo("my (weird) proc");
    assertThat(s.utimeTicks).isEqualTo(1500);
    assertThat(s.startTicks).isEqualTo(987654);
  }

  @Test
  void commThatLooksLikeFieldsDoesNotShiftThem() throws Exception {
    PidStat s = parse(JAVA.replace("(java)", "(a) S 1 2 3 4 (b)"));
    assertThat(s.comm()).isEqualTo("a) S 1 2 3 4 (b");
    assertThat(s.stimeTicks).isEqualTo(250);
  }

  @Test
  void truncatedLineNamesWhatIsMissing() {
    assertThatThrownBy(() -> parse("4242 (java) S 1 4242 4242 0 -1 4194560 52345"))
        .isInstanceOf(MalformedProcException.class)
        .hasMessageContaining("truncated")
        .extracting(e -> ((MalformedProcException) e).field())
        .isEqualTo("pid_stat.fields");
  }

  @Test
  void lineCutInsideCommIsRefused() {
    assertThatThrownBy(() -> parse("4242 (jav"))
        .isInstanceOf(MalformedProcException.class)
        .extracting(e -> ((MalformedProcException) e).field())
        .isEqualTo("pid_stat.comm");
  }

  @Test
  void negativeTicksAreRefused() {
    assertThatThrownBy(() -> parse(JAVA.replace(" 1500 250 ", " -1500 250 ")))
        .isInstanceOf(MalformedProcException.class)
        .hasMessageContaining("'-1500' is not a non-negative whole number")
        .extracting(e -> ((MalformedProcException) e).field())
        .isEqualTo("pid_stat.utime");
  }

  @Test
  void ticksBeyondAnyRealCountAreRefused() {
    // 2^63 - 1: parses as a long, but would overflow a sum over processes
    assertThatThrownBy(() -> parse(JAVA.replace(" 250 ", " 9223372036854775807 ")))
        .isInstanceOf(MalformedProcException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> parse(JAVA.replace(" 250 ", " 99999999999999999999999 ")))
        .isInstanceOf(MalformedProcException.class)
        .hasMessageContaining("is not a tick count");
  }

  @Test
  void wronglyTypedFieldsAreRefused() {
    assertThatThrownBy(() -> parse(JAVA.replace(" 250 ", " 2.5 ")))
        .isInstanceOf(MalformedProcException.class);
    assertThatThrownBy(() -> parse(JAVA.replace("4242 (", "x (")))
        .isInstanceOf(MalformedProcException.class)
        .extracting(e -> ((MalformedProcException) e).field())
        .isEqualTo("pid_stat.pid");
    assertThatThrownBy(() -> parse("")).isInstanceOf(MalformedProcException.class);
  }
}

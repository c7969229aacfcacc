package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class CgroupParserTest {
  @Test
  void everyRuntimeFixtureReadsAsExpected() throws IOException {
    List<String> lines = List.of(resource("expected.tsv").split("\n"));
    List<String> wrong = new ArrayList<>();
    int cases = 0;
    for (String line : lines) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      Container expected = new Container(f[1], f[2], f[3]);
      Container actual = CgroupParser.parse(resource(f[0]));
      if (!actual.equals(expected)) {
        wrong.add(f[0] + ": " + actual + " instead of " + expected);
      }
      cases++;
    }
    assertThat(wrong).isEmpty();
    assertThat(cases).isEqualTo(20);
  }

  @Test
  void groupIsTheShortIdTheUnitOrHost() {
    String id = "7c5bf5d6d0f99329f7f6e4f23a1e2f1a53bc9c276e6007ac6180c1476806ffb4";
    assertThat(new Container(id, "docker", "").group()).isEqualTo("7c5bf5d6d0f9");
    assertThat(new Container("nginx.service", "systemd", "").group()).isEqualTo("nginx.service");
    assertThat(Container.HOST.group()).isEqualTo("host");
  }

  @Test
  void hostileFilesGiveHostNotAnException() {
    assertThat(CgroupParser.parse("")).isEqualTo(Container.HOST);
    assertThat(CgroupParser.parse("0:")).isEqualTo(Container.HOST); // truncated
    assertThat(CgroupParser.parse("garbage without colons\n\n")).isEqualTo(Container.HOST);
    // not hex: no docker id, only a systemd scope by that name
    assertThat(CgroupParser.parse("0::/system.slice/docker-zzzz.scope\n"))
        .isEqualTo(new Container("docker-zzzz.scope", "systemd", ""));
    // an id of the wrong length is no container id
    assertThat(CgroupParser.parse("0::/docker/abc\n")).isEqualTo(Container.HOST);
    // a unit name longer than any real one is not taken as a label
    assertThat(CgroupParser.parse("0::/" + "x".repeat(5000) + ".service\n"))
        .isEqualTo(Container.HOST);
  }

  @Test
  void pathOfPrefersV2ThenV1CpuThenSystemd() {
    assertThat(CgroupParser.pathOf("0::/a\n3:cpu,cpuacct:/b\n")).isEqualTo("/a");
    assertThat(CgroupParser.pathOf("1:name=systemd:/c\n3:cpu,cpuacct:/b\n")).isEqualTo("/b");
    assertThat(CgroupParser.pathOf("0::/\n1:name=systemd:/c\n3:cpu,cpuacct:/\n")).isEqualTo("/c");
    assertThat(CgroupParser.pathOf("nothing")).isNull();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CgroupParserTest.class.getResourceAsStream("/cgroup/" + name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race between picking a free port and the child binding it: the port is taken in between (by a
 * socket bound here and never listening, so nothing answers on it), the real child exits saying so,
 * and the start is made again on new ports.
 */
class FreePortTest {
  @Test
  void prometheusOnATakenPortStartsAgainOnAnother(@TempDir Path dir) throws Exception {
    try (FreePort.DeadPort taken = new FreePort.DeadPort()) {
      List<Integer> tried = new ArrayList<>();
      try (PrometheusServer prometheus =
          FreePort.startOnFreePorts(
              1,
              ports -> {
                int port = tried.isEmpty() ? taken.port() : ports.get(0);
                tried.add(port);
                return PrometheusServer.startOn(port, PrometheusConfig.powermonJob(), dir);
              })) {
        assertThat(tried).hasSize(2).first().isEqualTo(taken.port());
        assertThat(tried.get(1)).isNotEqualTo(taken.port());
        assertThat(prometheus.api.ready()).isTrue();
      }
    }
  }

  @Test
  void powermonOnATakenAdminPortStartsAgainOnOthers(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    List<String> args = List.of("--collector=host", "--collector.disable-defaults");
    try (FreePort.DeadPort taken = new FreePort.DeadPort()) {
      List<List<Integer>> tried = new ArrayList<>();
      try (PowermonJar powermon =
          FreePort.startOnFreePorts(
              2,
              ports -> {
                List<Integer> use = tried.isEmpty() ? List.of(ports.get(0), taken.port()) : ports;
                tried.add(use);
                return PowermonJar.startOn(use, dir, config, args);
              })) {
        assertThat(tried).hasSize(2);
        assertThat(tried.get(1)).doesNotContain(taken.port());
        assertThat(powermon.scrape()).contains("powermon_build_info");
      }
    }
  }

  @Test
  void aChildThatFailsForAnotherReasonIsNotStartedAgain(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("powermon.yml"), "no-such-key: 1\n");
    AtomicInteger starts = new AtomicInteger();
    FreePort.Starter<PowermonJar> misconfigured =
        ports -> {
          starts.incrementAndGet();
          return PowermonJar.startOn(ports, dir, config, List.of());
        };
    assertThatThrownBy(() -> FreePort.startOnFreePorts(2, misconfigured))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("powermon exited")
        .hasMessageContaining("unknown key 'no-such-key'");
    assertThat(starts).hasValue(1);
  }

  @Test
  void givesUpAfterTheAttemptsWithTheLastChildsOutput() {
    AtomicInteger starts = new AtomicInteger();
    FreePort.Starter<Void> alwaysTaken =
        ports -> {
          starts.incrementAndGet();
          throw new FreePort.TakenException("listen: address already in use");
        };
    assertThatThrownBy(() -> FreePort.startOnFreePorts(1, alwaysTaken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("taken " + FreePort.ATTEMPTS + " times in a row")
        .cause()
        .hasMessageContaining("listen: address already in use");
    assertThat(starts).hasValue(FreePort.ATTEMPTS);
  }

  @Test
  void aDeadPortRefusesConnectionsAndCannotBeTaken() throws Exception {
    try (FreePort.DeadPort dead = new FreePort.DeadPort()) {
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), dead.port()).close())
          .isInstanceOf(ConnectException.class);
      assertThatThrownBy(
              () -> new ServerSocket(dead.port(), 1, InetAddress.getLoopbackAddress()).close())
          .isInstanceOf(BindException.class);
    }
  }

  @Test
  void portsPickedTogetherAreDifferent() {
    assertThat(FreePort.pick(8)).hasSize(8).doesNotHaveDuplicates();
  }
}

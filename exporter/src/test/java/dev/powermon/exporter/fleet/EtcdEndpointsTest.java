package dev.powermon.exporter.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --etcd.endpoints a,b,c}: the store passes over an endpoint that refuses or never answers,
 * and keeps working while one member of a real three-member cluster is stopped.
 */
class EtcdEndpointsTest {
  private static final DeviceId DEVICE = new DeviceId("plug-1");
  private static final byte[] YAML = "collectors: {}\n".getBytes(StandardCharsets.UTF_8);
  private static int suite;

  @TempDir Path dir;

  private static String prefix() {
    return "/powermon-endpoints/" + (++suite) + "/";
  }

  @Test
  void aRefusedEndpointIsPassedOverForTheNext() throws Exception {
    URI refused = URI.create("http://127.0.0.1:" + closedPort());
    try (EtcdStore store =
        new EtcdStore(List.of(refused, EtcdProcess.shared().endpoint()), prefix())) {
      String tag = store.put(DEVICE, YAML, null).etag();

      assertThat(store.get(DEVICE).orElseThrow().etag()).isEqualTo(tag);
    }
  }

  @Test
  void anEndpointThatNeverAnswersIsPassedOverWithinTheDeadline() throws Exception {
    // Connections complete in the listen backlog, but nothing is ever read or answered.
    try (ServerSocket hung = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        EtcdStore store =
            new EtcdStore(
                List.of(
                    URI.create("http://127.0.0.1:" + hung.getLocalPort()),
                    EtcdProcess.shared().endpoint()),
                prefix())) {
      String tag = store.put(DEVICE, YAML, null).etag();

      assertThat(store.get(DEVICE).orElseThrow().etag()).isEqualTo(tag);
    }
  }

  @Test
  void whenNoEndpointAnswersTheErrorNamesEachOne() throws Exception {
    URI a = URI.create("http://127.0.0.1:" + closedPort());
    URI b = URI.create("http://127.0.0.1:" + closedPort());
    try (EtcdStore store = new EtcdStore(List.of(a, b), prefix())) {
      assertThatThrownBy(() -> store.get(DEVICE))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("no endpoint answered")
          .hasMessageContaining(a.toString())
          .hasMessageContaining(b.toString());
    }
  }

  @Test
  void aThreeMemberClusterServesWithOneMemberStopped() throws Exception {
    List<EtcdProcess> members = new ArrayList<>(EtcdProcess.cluster(dir, "member", 3));
    // A follower first: stopping the leader would add an election to the test, not a failover.
    members.sort(Comparator.comparing(EtcdEndpointsTest::isLeader));
    try (EtcdStore store =
        new EtcdStore(members.stream().map(EtcdProcess::endpoint).toList(), prefix())) {
      String first = store.put(DEVICE, YAML, null).etag();

      members.get(0).close(); // the endpoint tried first

      String second = store.put(DEVICE, YAML, first).etag(); // a conditional write, on quorum
      assertThat(second).isNotEqualTo(first);
      assertThat(store.get(DEVICE).orElseThrow().etag()).isEqualTo(second);
      assertThatThrownBy(() -> store.put(DEVICE, YAML, first))
          .isInstanceOf(ConfigStore.PreconditionFailed.class);
    } finally {
      for (EtcdProcess member : members) {
        member.close();
      }
    }
  }

  /** Whether {@code member} leads its cluster, from etcd's status call. */
  private static boolean isLeader(EtcdProcess member) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(member.endpoint().resolve("/v3/maintenance/status"))
                      .timeout(Duration.ofSeconds(5))
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode status = new ObjectMapper().readTree(r.body());
      return status
          .path("leader")
          .asText()
          .equals(status.path("header").path("member_id").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

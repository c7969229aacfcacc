package dev.powermon.exporter.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConfigServerTest}'s suite over a real etcd; each test under its own key prefix. */
class EtcdConfigServerTest extends ConfigServerTest {
  @TempDir static Path etcdDir;
  private static EtcdProcess etcd;
  private static int suite;
  private EtcdStore store;

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = EtcdProcess.start(etcdDir.resolve("etcd"));
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    etcd.close();
  }

  @Override
  ConfigStore store() {
    store = new EtcdStore(etcd.endpoint(), "/powermon-test/" + (++suite) + "/");
    return store;
  }

  /** etcd keeps the replaced version in its history, not beside the config. */
  @Override
  @Test
  void theReplacedVersionIsKeptBesideTheConfig() throws Exception {
    send("PUT", "/config/plug-1", GOOD, null);
    send("PUT", "/config/plug-1", OTHER, null);

    assertThat(send("GET", "/config/plug-1", null, null).body()).isEqualTo(OTHER);
    assertThat(new String(store.previous(new DeviceId("plug-1")).orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo(GOOD);
  }
}

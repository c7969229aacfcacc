package dev.powermon.exporter.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link ConfigServerTest}'s suite over a real etcd; each test under its own key prefix. */
class EtcdConfigServerTest extends ConfigServerTest {
  private static int suite;
  private EtcdStore store;

  @Override
  ConfigStore store() throws Exception {
    store = new EtcdStore(EtcdProcess.shared().endpoint(), "/powermon-test/" + (++suite) + "/");
    return store;
  }

  /** etcd keeps the replaced version in its history, not beside the config. */
  @Override
  @Test
  void theReplacedVersionIsKeptBesideTheConfig() throws Exception {
    send("PUT", "/config/plug-1", GOOD, null);
    send("PUT", "/config/plug-1", OTHER, null);

    assertThat(send("GET", "/config/plug-1", null, null).body()).isEqualTo(OTHER);
    assertThat(
            new String(
                store.previous(new DeviceId("plug-1")).orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo(GOOD);
  }
}

package dev.powermon.exporter;

import dev.powermon.exporter.fleet.ConfigStore;
import dev.powermon.exporter.fleet.EtcdProcess;
import dev.powermon.exporter.fleet.EtcdStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link FleetEndToEndTest}'s suite with the config server over a real etcd; each test its own prefix. */
class EtcdFleetEndToEndTest extends FleetEndToEndTest {
  @TempDir static Path etcdDir;
  private static EtcdProcess etcd;
  private static int suite;
  private final String prefix = "/powermon-e2e/" + (++suite) + "/"; // one instance per test

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
    return new EtcdStore(etcd.endpoint(), prefix);
  }
}

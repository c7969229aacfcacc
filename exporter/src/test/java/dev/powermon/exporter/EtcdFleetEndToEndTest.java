package dev.powermon.exporter;

import dev.powermon.exporter.fleet.ConfigStore;
import dev.powermon.exporter.fleet.EtcdProcess;
import dev.powermon.exporter.fleet.EtcdStore;

/**
 * {@link FleetEndToEndTest}'s suite with the config server over a real etcd; each test its own
 * prefix.
 */
class EtcdFleetEndToEndTest extends FleetEndToEndTest {
  private static int suite;
  private final String prefix = "/powermon-e2e/" + (++suite) + "/"; // one instance per test

  @Override
  ConfigStore store() throws Exception {
    return new EtcdStore(EtcdProcess.shared().endpoint(), prefix);
  }
}

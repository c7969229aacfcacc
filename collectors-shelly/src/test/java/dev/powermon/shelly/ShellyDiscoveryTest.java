package dev.powermon.shelly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.net.HostPort;
import org.junit.jupiter.api.Test;

/**
 * How an mDNS announcement becomes a target. No multicast is sent: tests reach loopback only, and
 * discovery listens on the LAN, so the listener itself runs only where an operator turns it on.
 */
class ShellyDiscoveryTest {
  @Test
  void theFirstIpv4AddressAndThePortMakeTheTarget() {
    assertThat(ShellyDiscovery.target(new String[] {"fe80::1", "192.168.1.31", "10.0.0.2"}, 80))
        .contains(new HostPort("192.168.1.31", 80));
  }

  @Test
  void announcementsWithoutAUsableAddressOrPortAreIgnored() {
    assertThat(ShellyDiscovery.target(new String[] {"fe80::1"}, 80)).isEmpty();
    assertThat(ShellyDiscovery.target(new String[] {"192.168.1.31"}, 0)).isEmpty();
    assertThat(ShellyDiscovery.target(new String[] {"192.168.1.31"}, 70000)).isEmpty();
    assertThat(ShellyDiscovery.target(null, 80)).isEmpty();
    assertThat(ShellyDiscovery.target(new String[] {"not.an.ip.addr", "1.2.3"}, 80)).isEmpty();
  }

  @Test
  void onlyHttpServicesNamedShellyAreGen1Devices() {
    assertThat(ShellyDiscovery.isShellyName("shellyplug-s-A4CF12F45F1A")).isTrue();
    assertThat(ShellyDiscovery.isShellyName("ShellyEM-0012")).isTrue();
    assertThat(ShellyDiscovery.isShellyName("printer")).isFalse();
    assertThat(ShellyDiscovery.isShellyName(null)).isFalse();
  }
}

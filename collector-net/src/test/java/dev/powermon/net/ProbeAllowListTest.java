package dev.powermon.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeAllowListTest {
  private static final String KEY = "collectors.nut.probe-allow";

  @Test
  void matchesNetworksAndSingleHosts() throws Exception {
    ProbeAllowList allow = ProbeAllowList.parse(KEY, List.of("127.0.0.0/30", "127.0.1.7", "::1/128"));
    assertThat(allow.allows(InetAddress.getByName("127.0.0.3"))).isTrue();
    assertThat(allow.allows(InetAddress.getByName("127.0.0.4"))).isFalse();
    assertThat(allow.allows(InetAddress.getByName("127.0.1.7"))).isTrue();
    assertThat(allow.allows(InetAddress.getByName("127.0.1.8"))).isFalse();
    assertThat(allow.allows(InetAddress.getByName("::1"))).isTrue();
    assertThat(allow.allows(InetAddress.getByName("::2"))).isFalse();
  }

  @Test
  void emptyAllowsNothing() throws Exception {
    ProbeAllowList allow = ProbeAllowList.parse(KEY, List.of());
    assertThat(allow.isEmpty()).isTrue();
    assertThat(allow.allows(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void refusesNamesAndBadPrefixes() {
    assertThatIllegalArgumentException().isThrownBy(() -> ProbeAllowList.parse(KEY, List.of("localhost")))
        .withMessage(KEY + ": 'localhost' is not an IP address or CIDR (e.g. 192.168.1.0/24)");
    assertThatIllegalArgumentException().isThrownBy(() -> ProbeAllowList.parse(KEY, List.of("10.0.0.0/33")))
        .withMessage(KEY + ": '10.0.0.0/33': prefix must be 0..32");
    assertThatIllegalArgumentException().isThrownBy(() -> ProbeAllowList.parse(KEY, List.of("10.0.0.0/x")))
        .withMessage(KEY + ": '10.0.0.0/x': prefix must be 0..32");
  }
}

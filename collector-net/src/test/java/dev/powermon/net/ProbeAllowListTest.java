package dev.powermon.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.TargetNotAllowedException;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeAllowListTest {
  private static final String KEY = "collectors.nut.probe-allow";
  private static final Set<Integer> PORTS = Set.of(3493);

  @Test
  void matchesNetworksAndSingleHosts() throws Exception {
    ProbeAllowList allow =
        ProbeAllowList.parse(KEY, List.of("127.0.0.0/30", "127.0.1.7", "::1/128"));
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
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbeAllowList.parse(KEY, List.of("localhost")))
        .withMessage(KEY + ": 'localhost' is not an IP address or CIDR (e.g. 192.168.1.0/24)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbeAllowList.parse(KEY, List.of("10.0.0.0/33")))
        .withMessage(KEY + ": '10.0.0.0/33': prefix must be 0..32");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbeAllowList.parse(KEY, List.of("10.0.0.0/x")))
        .withMessage(KEY + ": '10.0.0.0/x': prefix must be 0..32");
  }

  @Test
  void admitsOnlyListedAddressesOnTheDevicePortAndPollsTheAddress() throws Exception {
    ProbeAllowList allow = ProbeAllowList.parse(KEY, List.of("127.0.0.1/32"));
    assertThat(allow.admit(new HostPort("127.0.0.1", 3493), PORTS, "no"))
        .isEqualTo(new HostPort("127.0.0.1", 3493));
    // a name that resolves into the list is polled at the address it resolved to, never resolved
    // again
    assertThat(allow.admit(new HostPort("localhost", 3493), PORTS, "no").host())
        .isEqualTo("127.0.0.1");
    // IPv4-mapped IPv6 is the IPv4 address
    assertThat(allow.admit(HostPort.parse("[::ffff:127.0.0.1]:3493", 3493), PORTS, "no").host())
        .isEqualTo("127.0.0.1");
  }

  @Test
  void refusesLoopbackAliasesIpv6OtherPortsAndNamesOutsideTheList() {
    ProbeAllowList allow = ProbeAllowList.parse(KEY, List.of("127.0.0.1/32"));
    for (HostPort refused :
        List.of(
            new HostPort("127.0.0.2", 3493), // another loopback alias
            HostPort.parse("[::1]:3493", 3493), // IPv6 loopback is not 127.0.0.1/32
            HostPort.parse("[0:0:0:0:0:0:0:2]:3493", 3493),
            new HostPort("127.0.0.1", 22), // an allowed host, another port
            new HostPort("127.0.0.1", 0),
            new HostPort("no-such-host.invalid", 3493))) {
      assertThatThrownBy(() -> allow.admit(refused, PORTS, "refused"))
          .as(refused.toString())
          .isInstanceOf(TargetNotAllowedException.class);
    }
    ProbeAllowList lan = ProbeAllowList.parse(KEY, List.of("10.0.0.0/8"));
    assertThatThrownBy(() -> lan.admit(new HostPort("localhost", 3493), PORTS, "refused"))
        .as("a name resolving outside the list")
        .isInstanceOf(TargetNotAllowedException.class)
        .hasMessage("refused");
    assertThatThrownBy(
            () ->
                ProbeAllowList.parse(KEY, List.of())
                    .admit(new HostPort("127.0.0.1", 3493), PORTS, "empty"))
        .isInstanceOf(TargetNotAllowedException.class)
        .hasMessage("empty");
  }
}

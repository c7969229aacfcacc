package dev.powermon.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void parsesHostsPortsAndIpv6() {
    assertThat(HostPort.parse("10.0.0.5", 3493)).isEqualTo(new HostPort("10.0.0.5", 3493));
    assertThat(HostPort.parse(" ups.lan:3494 ", 3493)).isEqualTo(new HostPort("ups.lan", 3494));
    assertThat(HostPort.parse("[::1]:80", 3493)).isEqualTo(new HostPort("::1", 80));
    assertThat(HostPort.parse("[fe80::1]", 9999)).isEqualTo(new HostPort("fe80::1", 9999));
    assertThat(HostPort.parse("::1", 9999)).isEqualTo(new HostPort("::1", 9999));
  }

  @Test
  void labelsBracketIpv6() {
    assertThat(new HostPort("::1", 80).label()).isEqualTo("[::1]:80");
    assertThat(new HostPort("127.0.0.1", 3493).label()).isEqualTo("127.0.0.1:3493");
  }

  @Test
  void refusesWhatIsNoAddress() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostPort.parse(":80", 1))
        .withMessage("':80': no host; write host or host:port");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostPort.parse("h:0", 1))
        .withMessage("'h:0': the port must be a number from 1 to 65535");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostPort.parse("h:http", 1))
        .withMessage("'h:http': the port must be a number from 1 to 65535");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HostPort.parse("[::1", 1))
        .withMessage("'[::1': missing ']' after an IPv6 address");
  }
}

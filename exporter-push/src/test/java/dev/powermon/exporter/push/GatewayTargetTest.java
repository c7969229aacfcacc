package dev.powermon.exporter.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class GatewayTargetTest {

  @Test
  void theGroupIsJobAndInstanceUnderTheGatewaysPath() {
    assertThat(GatewayTarget.groupUrl(URI.create("http://gw:9091"), "box-7"))
        .isEqualTo(URI.create("http://gw:9091/metrics/job/powermon/instance/box-7"));
    assertThat(GatewayTarget.groupUrl(URI.create("https://proxy/pushgateway/"), "lab pc?#1"))
        .isEqualTo(
            URI.create("https://proxy/pushgateway/metrics/job/powermon/instance/lab%20pc%3F%231"));
  }

  @Test
  void anInstanceWithASlashGoesBase64EncodedAsThePushgatewayRequires() {
    // base64url("rack/3") = cmFjay8z
    assertThat(GatewayTarget.groupUrl(URI.create("http://gw:9091"), "rack/3"))
        .isEqualTo(URI.create("http://gw:9091/metrics/job/powermon/instance@base64/cmFjay8z"));
  }
}

package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SysInfoParserTest {
  private static SysInfo parse(String sysinfo) throws IOException {
    return SysInfoParser.parse(
        KasaJson.parse(("{\"system\":{\"get_sysinfo\":" + sysinfo + "}}").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aPlugWithAMeter() throws IOException {
    SysInfo s =
        parse(
            """
            {"alias":"Desk","deviceId":"ABC","feature":"TIM:ENE","hw_ver":"1.0","led_off":1,
             "mac":"54:AF:97:00:00:01","mic_type":"IOT.SMARTPLUGSWITCH","model":"KP115(EU)","on_time":86400,
             "relay_state":1,"rssi":-47,"sw_ver":"1.0.16","updating":0,"err_code":0}""");
    assertThat(s.kind()).isEqualTo(SysInfo.Kind.PLUG);
    assertThat(s.hasMeter()).isTrue();
    assertThat(s.emeterModule()).isEqualTo("emeter");
    assertThat(s.mac()).isEqualTo("54:AF:97:00:00:01");
    assertThat(s.relayState()).isEqualTo(1.0);
    assertThat(s.onTimeSeconds()).isEqualTo(86400.0);
    assertThat(s.rssi()).isEqualTo(-47.0);
  }

  @Test
  void aPlugWithoutMeterIsNotAskedForEnergy() throws IOException {
    assertThat(parse("{\"deviceId\":\"A\",\"model\":\"HS103(US)\",\"feature\":\"TIM\",\"type\":\"IOT.SMARTPLUGSWITCH\"}").hasMeter())
        .isFalse();
  }

  @Test
  void aStripListsItsOutletsWithFullIds() throws IOException {
    SysInfo s =
        parse(
            """
            {"alias":"Strip","deviceId":"DEV","feature":"TIM:ENE","model":"HS300(US)",
             "children":[{"alias":"A","id":"DEV00","state":1,"on_time":5},{"alias":"B","id":"01","state":0,"on_time":0}]}""");
    assertThat(s.kind()).isEqualTo(SysInfo.Kind.STRIP);
    assertThat(s.relayState()).isNull();
    assertThat(s.outlets())
        .containsExactly(new Outlet("DEV00", "A", 0, 1.0, 5.0), new Outlet("DEV01", "B", 1, 0.0, 0.0));
  }

  @Test
  void outletsAreCapped() throws IOException {
    StringBuilder children = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      children.append(i == 0 ? "" : ",").append("{\"id\":\"C").append(i).append("\",\"state\":1}");
    }
    SysInfo s = parse("{\"deviceId\":\"D\",\"model\":\"X\",\"children\":[" + children + "]}");
    assertThat(s.outlets()).hasSize(SysInfoParser.MAX_OUTLETS);
  }

  @Test
  void aBulbTakesItsStateFromTheLightAndHasItsOwnModules() throws IOException {
    SysInfo s =
        parse(
            "{\"deviceId\":\"B\",\"model\":\"KL125(US)\",\"mic_type\":\"IOT.SMARTBULB\",\"mic_mac\":\"5091E3000001\","
                + "\"light_state\":{\"on_off\":1}}");
    assertThat(s.kind()).isEqualTo(SysInfo.Kind.BULB);
    assertThat(s.relayState()).isEqualTo(1.0);
    assertThat(s.mac()).isEqualTo("5091E3000001");
    assertThat(s.emeterModule()).isEqualTo("smartlife.iot.common.emeter");
    assertThat(s.cloudModule()).isEqualTo("smartlife.iot.common.cloud");
  }

  @Test
  void wrongTypesAreErrorsNamingTheField() {
    assertThatThrownBy(() -> parse("{\"deviceId\":\"A\",\"model\":\"M\",\"relay_state\":\"on\"}"))
        .isInstanceOf(KasaProtocolException.class)
        .hasMessage("system.get_sysinfo.relay_state: expected a number, got string \"on\"");
    assertThatThrownBy(() -> parse("{\"deviceId\":7,\"model\":\"M\"}"))
        .hasMessage("system.get_sysinfo.deviceId: expected text, got number 7");
    assertThatThrownBy(() -> parse("{\"deviceId\":\"A\",\"model\":\"M\",\"children\":{}}"))
        .hasMessage("system.get_sysinfo.children: expected an array, got OBJECT");
    assertThatThrownBy(() -> parse("{\"model\":\"M\"}")).hasMessage("system.get_sysinfo.deviceId: missing");
  }
}

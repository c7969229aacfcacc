package dev.powermon.nut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.net.Deadline;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol against Debian's real upsd and dummy-ups on a loopback port. */
class UpsdConnectionTest {
  @TempDir static Path dir;
  static Upsd upsd;

  @BeforeAll
  static void start() throws Exception {
    upsd =
        new Upsd(
                dir,
                Map.of(
                    "rack",
                    "ups.status: OL CHRG\nups.load: 23\nups.realpower.nominal: 900\n"
                        + "ups.serial: \"AS 1234 X\"\n"))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    upsd.close();
  }

  private static UpsdConnection connect() throws Exception {
    return UpsdConnection.open(
        HostPort.parse(upsd.target(), 3493), Deadline.after(Duration.ofSeconds(5), "too slow"));
  }

  @Test
  void listsUpsesAndTheirVariables() throws Exception {
    try (UpsdConnection c = connect()) {
      assertThat(c.listUps()).containsExactly(Map.entry("rack", "test rack"));
      Map<String, String> vars = c.listVar("rack");
      assertThat(vars)
          .containsEntry("ups.load", "23")
          .containsEntry("ups.status", "OL CHRG")
          .containsEntry("ups.realpower.nominal", "900")
          .containsEntry("ups.serial", "AS 1234 X");
    }
  }

  @Test
  void anUnknownUpsIsUpsdsErrorWithAHint() throws Exception {
    try (UpsdConnection c = connect()) {
      assertThatThrownBy(() -> c.listVar("nope"))
          .isInstanceOf(NutErrorException.class)
          .hasMessage(
              "upsd answered ERR UNKNOWN-UPS to LIST VAR \"nope\"; the UPS is not in upsd's ups.conf");
    }
  }

  @Test
  void rightCredentialsLogIn() throws Exception {
    try (UpsdConnection c = connect()) {
      c.authenticate(new DeviceCredentials(Upsd.USER, Upsd.PASSWORD), "rack");
      assertThat(c.listVar("rack")).containsEntry("ups.load", "23");
    }
  }

  @Test
  void aWrongPasswordIsRefusedAtLogin() throws Exception {
    try (UpsdConnection c = connect()) {
      assertThatThrownBy(() -> c.authenticate(new DeviceCredentials(Upsd.USER, "wrong"), "rack"))
          .isInstanceOf(NutErrorException.class)
          .hasMessageContaining("ERR ACCESS-DENIED to LOGIN")
          .hasMessageNotContaining("wrong");
    }
  }
}

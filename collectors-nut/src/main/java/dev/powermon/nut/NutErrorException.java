package dev.powermon.nut;

/** upsd refused a command with {@code ERR <code>} (ACCESS-DENIED, UNKNOWN-UPS, DATA-STALE …). */
final class NutErrorException extends NutProtocolException {
  private final String code;

  NutErrorException(String command, String code) {
    super("upsd answered ERR " + code + " to " + command + hint(code));
    this.code = code;
  }

  String code() {
    return code;
  }

  private static String hint(String code) {
    return switch (code) {
      case "ACCESS-DENIED" ->
          "; check the user and password in the credentials file against upsd.users";
      case "DATA-STALE" -> "; the UPS driver has no fresh data (cable, driver or UPS down)";
      case "DRIVER-NOT-CONNECTED" -> "; upsd cannot reach the driver: is the UPS driver running?";
      case "UNKNOWN-UPS" -> "; the UPS is not in upsd's ups.conf";
      case "FEATURE-NOT-CONFIGURED" -> "; upsd has no certificate configured for STARTTLS";
      default -> "";
    };
  }
}

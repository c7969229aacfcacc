package dev.powermon.kasa;

import java.io.IOException;

/**
 * The device answered with a non-zero {@code err_code} for a module or method ("module not
 * support").
 */
final class DeviceErrorException extends IOException {
  DeviceErrorException(String where, long code, String message) {
    super(where + ": device error " + code + (message.isEmpty() ? "" : " (" + message + ")"));
  }
}

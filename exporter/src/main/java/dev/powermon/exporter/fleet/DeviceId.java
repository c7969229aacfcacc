package dev.powermon.exporter.fleet;

import java.util.regex.Pattern;

/**
 * A device's name in the fleet: {@code [A-Za-z0-9._-]}, 1 to 64 characters, not starting with a
 * dot. The rule keeps every id a plain file name in the data dir ({@code .} and {@code ..} and the
 * store's own dot-files are unreachable) and a plain key segment in etcd.
 */
public record DeviceId(String value) {
  public static final int MAX_LENGTH = 64;
  // Before DEFAULT: constructing DEFAULT uses it.
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

  /** The config served to a device that has none of its own. */
  public static final DeviceId DEFAULT = new DeviceId("_default");

  public DeviceId {
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          "device id '"
              + abbreviated(value)
              + "': use 1 to "
              + MAX_LENGTH
              + " of A-Z a-z 0-9 . _ -, not starting with a dot");
    }
  }

  public static boolean isValid(String value) {
    return value != null && FORM.matcher(value).matches();
  }

  private static String abbreviated(String value) {
    return value == null
        ? ""
        : value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) + "…" : value;
  }

  @Override
  public String toString() {
    return value;
  }
}

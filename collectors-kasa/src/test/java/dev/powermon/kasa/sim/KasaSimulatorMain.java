package dev.powermon.kasa.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs simulated Kasa devices until standard input closes, for end-to-end tests in other modules:
 *
 * <pre>
 * java -cp collectors-kasa-tests.jar:... dev.powermon.kasa.sim.KasaSimulatorMain \
 *     --bind 127.0.0.1 --port 0 --profile hs300 --profile plug-new [--count 3] [--fault drip]
 * </pre>
 *
 * {@code --profile-file PATH} serves a device dump ({@link DeviceProfile#fromFile}) instead of a
 * shipped profile.
 *
 * Prints one line per device, {@code device <profile> <host:port> <device_id>}, then {@code ready}.
 * With {@code --port N} devices take N, N+1, …; 0 picks free ports. {@code --count} repeats every
 * profile, numbering devices so that ids and aliases are distinct. Binds loopback addresses only.
 */
public final class KasaSimulatorMain {
  /** Marks a profile given by path rather than by name. */
  private static final String FILE = "file:";

  private KasaSimulatorMain() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    List<SimulatedDevice> devices;
    try {
      devices = start(args, out);
    } catch (IllegalArgumentException e) {
      System.err.println("kasa-sim: " + e.getMessage());
      System.err.println("usage: KasaSimulatorMain [--bind 127.x.y.z] [--port N] --profile NAME... "
          + "[--profile-file PATH]... [--count N] [--fault NAME] [--drip-ms N]; profiles: " + DeviceProfile.NAMES);
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> devices.forEach(SimulatedDevice::close)));
    while (System.in.read() >= 0) {
      // run until the parent closes our standard input (or kills us)
    }
    devices.forEach(SimulatedDevice::close);
  }

  static List<SimulatedDevice> start(String[] args, PrintStream out) throws IOException {
    String bind = "127.0.0.1";
    int port = 0;
    int count = 1;
    long dripMillis = 250;
    Fault fault = Fault.NONE;
    List<String> profiles = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i++]) {
        case "--bind": bind = value; break;
        case "--port": port = Integer.parseInt(value); break;
        case "--count": count = Integer.parseInt(value); break;
        case "--drip-ms": dripMillis = Long.parseLong(value); break;
        case "--profile": profiles.add(value); break;
        case "--profile-file": profiles.add(FILE + value); break;
        case "--fault": fault = Fault.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_')); break;
        default: throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("at least one --profile is needed");
    }
    InetAddress address = InetAddress.getByName(bind);
    List<SimulatedDevice> devices = new ArrayList<>();
    int n = 0;
    for (int copy = 0; copy < count; copy++) {
      for (String name : profiles) {
        DeviceProfile profile =
            name.startsWith(FILE) ? DeviceProfile.fromFile(Path.of(name.substring(FILE.length()))) : DeviceProfile.load(name);
        profile = count > 1 ? profile.numbered(devices.size()) : profile; // ids unique across profiles
        SimulatedDevice device =
            SimulatedDevice.start(profile, address, port == 0 ? 0 : port + n++).fault(fault).dripMillis(dripMillis);
        devices.add(device);
        out.println("device " + name + " " + device.target() + " " + profile.deviceId());
      }
    }
    out.println("ready");
    out.flush();
    return devices;
  }
}

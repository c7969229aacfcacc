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
 * shipped profile. {@code --klap-profile NAME} serves a legacy profile over KLAP v2 (an HS300 on
 * firmware 1.1.2), {@code --smart-profile NAME} a SMART one ({@link SmartProfile}) over KLAP v2;
 * both on TP-Link's documented Kasa default account, so a collector needs no credentials file for
 * them.
 *
 * <p>Prints one line per device, {@code device <profile> <target> <device_id>} (KLAP targets as
 * {@code klap://host:port}), then {@code ready}. With {@code --port N} devices take N, N+1, …; 0
 * picks free ports. {@code --count} repeats every profile, numbering devices so that ids and
 * aliases are distinct. Binds loopback addresses only.
 */
public final class KasaSimulatorMain {
  /** Marks a profile given by path rather than by name. */
  private static final String FILE = "file:";

  private KasaSimulatorMain() {}

  /** The devices started, closed together. */
  record Running(List<SimulatedDevice> devices, List<SimulatedKlapDevice> klapDevices)
      implements AutoCloseable {
    @Override
    public void close() {
      devices.forEach(SimulatedDevice::close);
      klapDevices.forEach(SimulatedKlapDevice::close);
    }
  }

  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    Running devices;
    try {
      devices = start(args, out);
    } catch (IllegalArgumentException e) {
      System.err.println("kasa-sim: " + e.getMessage());
      System.err.println(
          "usage: KasaSimulatorMain [--bind 127.x.y.z] [--port N] --profile NAME... "
              + "[--profile-file PATH]... [--klap-profile NAME]... [--smart-profile NAME]... [--count N] [--fault NAME] "
              + "[--drip-ms N]; profiles: "
              + DeviceProfile.NAMES
              + ", SMART profiles: "
              + SmartProfile.NAMES);
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(devices::close));
    while (System.in.read() >= 0) {
      // run until the parent closes our standard input (or kills us)
    }
    devices.close();
  }

  static Running start(String[] args, PrintStream out) throws IOException {
    String bind = "127.0.0.1";
    int port = 0;
    int count = 1;
    long dripMillis = 250;
    Fault fault = Fault.NONE;
    List<String> profiles = new ArrayList<>();
    List<String> klapProfiles = new ArrayList<>();
    List<String> smartProfiles = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i++]) {
        case "--bind":
          bind = value;
          break;
        case "--port":
          port = Integer.parseInt(value);
          break;
        case "--count":
          count = Integer.parseInt(value);
          break;
        case "--drip-ms":
          dripMillis = Long.parseLong(value);
          break;
        case "--profile":
          profiles.add(value);
          break;
        case "--profile-file":
          profiles.add(FILE + value);
          break;
        case "--klap-profile":
          DeviceProfile.load(value);
          klapProfiles.add(value);
          break;
        case "--smart-profile":
          SmartProfile.load(value);
          smartProfiles.add(value);
          break;
        case "--fault":
          fault = Fault.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    if (profiles.isEmpty() && klapProfiles.isEmpty() && smartProfiles.isEmpty()) {
      throw new IllegalArgumentException("at least one --profile is needed");
    }
    InetAddress address = InetAddress.getByName(bind);
    List<SimulatedDevice> devices = new ArrayList<>();
    int n = 0;
    for (int copy = 0; copy < count; copy++) {
      for (String name : profiles) {
        DeviceProfile profile =
            name.startsWith(FILE)
                ? DeviceProfile.fromFile(Path.of(name.substring(FILE.length())))
                : DeviceProfile.load(name);
        profile =
            count > 1 ? profile.numbered(devices.size()) : profile; // ids unique across profiles
        SimulatedDevice device =
            SimulatedDevice.start(profile, address, port == 0 ? 0 : port + n++)
                .fault(fault)
                .dripMillis(dripMillis);
        devices.add(device);
        out.println("device " + name + " " + device.target() + " " + profile.deviceId());
      }
    }
    List<SimulatedKlapDevice> klap = new ArrayList<>();
    try {
      for (String name : klapProfiles) {
        DeviceProfile profile = DeviceProfile.load(name);
        klap.add(
            announce(
                out,
                "klap:" + name,
                profile.deviceId(),
                SimulatedKlapDevice.iot(profile),
                address));
      }
      for (String name : smartProfiles) {
        SmartProfile profile = SmartProfile.load(name);
        klap.add(announce(out, "smart:" + name, profile.deviceId(), profile.responder(), address));
      }
    } catch (IOException | RuntimeException e) {
      new Running(devices, klap).close();
      throw e;
    }
    out.println("ready");
    out.flush();
    return new Running(devices, klap);
  }

  private static SimulatedKlapDevice announce(
      PrintStream out,
      String name,
      String id,
      SimulatedKlapDevice.Responder responder,
      InetAddress address)
      throws IOException {
    SimulatedKlapDevice device =
        SimulatedKlapDevice.start(address, 2, "kasa@tp-link.net", "kasaSetup", responder);
    out.println("device " + name + " " + device.target() + " " + id);
    return device;
  }
}

package dev.powermon.kasa.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Several simulated devices on one loopback address, closed together. */
public final class Fleet implements AutoCloseable {
  private final List<SimulatedDevice> devices = new ArrayList<>();

  /** Starts one device per profile name on 127.0.0.1, each on its own free port. */
  public static Fleet start(String... profiles) throws IOException {
    Fleet fleet = new Fleet();
    for (String name : profiles) {
      fleet.add(DeviceProfile.load(name));
    }
    return fleet;
  }

  public SimulatedDevice add(DeviceProfile profile) throws IOException {
    try {
      SimulatedDevice device =
          SimulatedDevice.start(profile, InetAddress.getByName("127.0.0.1"), 0);
      devices.add(device);
      return device;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  public SimulatedDevice get(int index) {
    return devices.get(index);
  }

  public List<SimulatedDevice> devices() {
    return List.copyOf(devices);
  }

  /** Every device as a collector target ({@code 127.0.0.1:port}). */
  public String[] targets() {
    return devices.stream().map(SimulatedDevice::target).toArray(String[]::new);
  }

  @Override
  public void close() {
    devices.forEach(SimulatedDevice::close);
  }
}

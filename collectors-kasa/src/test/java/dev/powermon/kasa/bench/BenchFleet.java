package dev.powermon.kasa.bench;

import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.Fleet;
import dev.powermon.kasa.sim.KlapFault;
import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.kasa.sim.SmartProfile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bench's simulated devices, in a process of their own so that the collector's CPU can be told
 * from the devices' (their HTTP servers and AES): {@code BenchFleet devices dead klap-percent}
 * prints {@code target <target>} per device, then {@code ready}; each {@code counts} line on
 * standard input is answered with one {@code klap <profile> <dead> <h1> <h2> <requests> <refused>}
 * line per KLAP device (HTTP exchanges of each kind so far), then {@code end}. Runs until standard
 * input closes.
 */
public final class BenchFleet {
  static final List<String> MIX =
      List.of("plug-new", "plug-old", "hs300", "bulb", "plug-nometer", "kp303");
  static final List<String> SMART_MIX = List.of("p110", "kp125m", "p304m");

  private record Klap(String profile, boolean dead, SimulatedKlapDevice device) {}

  private BenchFleet() {}

  public static void main(String[] args) throws Exception {
    int devices = Integer.parseInt(args[0]);
    int dead = Integer.parseInt(args[1]);
    int klapPercent = Integer.parseInt(args[2]);
    PrintStream out = System.out;
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    List<Klap> klap = new ArrayList<>();
    try (Fleet fleet = new Fleet()) {
      for (int i = 0; i < devices; i++) {
        boolean onKlap = (i * klapPercent) / 100 != ((i + 1) * klapPercent) / 100; // spread evenly
        boolean deadOne = dead > 0 && isDead(i, devices, dead);
        if (onKlap) {
          boolean iot = klap.size() % 2 == 0;
          String name = iot ? MIX.get(i % MIX.size()) : SMART_MIX.get(i % SMART_MIX.size());
          SimulatedKlapDevice.Responder responder =
              iot
                  ? SimulatedKlapDevice.iot(DeviceProfile.load(name).numbered(i))
                  : SmartProfile.load(name).responder();
          SimulatedKlapDevice d =
              SimulatedKlapDevice.start(loopback, 2, "kasa@tp-link.net", "kasaSetup", responder);
          klap.add(new Klap((iot ? "iot:" : "smart:") + name, deadOne, d));
          d.fault(deadOne ? KlapFault.NO_HANDSHAKE2 : KlapFault.NONE);
          out.println("target " + d.target());
        } else {
          out.println(
              "target "
                  + fleet
                      .add(DeviceProfile.load(MIX.get(i % MIX.size())).numbered(i))
                      .fault(deadOne ? Fault.NEVER_ANSWERS : Fault.NONE)
                      .target());
        }
      }
      out.println("ready");
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("counts")) {
          for (Klap k : klap) {
            SimulatedKlapDevice d = k.device();
            out.printf(
                Locale.ROOT,
                "klap %s %b %d %d %d %d%n",
                k.profile(),
                k.dead(),
                d.handshakeOnes(),
                d.handshakeTwos(),
                d.requests(),
                d.refused());
          }
          out.println("end");
          out.flush();
        }
      }
    } finally {
      klap.forEach(k -> k.device().close());
    }
  }

  /** Whether device {@code i} is one of the {@code dead}, spread evenly over the fleet. */
  private static boolean isDead(int i, int devices, int dead) {
    for (int d = 0; d < dead; d++) {
      if (d * devices / dead == i) {
        return true;
      }
    }
    return false;
  }
}

package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of one poll, in the order that is safe for the device: sysinfo first, then the cloud
 * state, then energy only where sysinfo says there is a meter (one request per strip outlet, each
 * with its {@code context.child_ids}). What the device answered last time rides with sysinfo
 * ({@link SysinfoRiders}). A transport failure or an unreadable sysinfo fails the poll; an energy
 * reply that answers but cannot be used costs only that meter's readings.
 */
final class DevicePoll {
  private DevicePoll() {}

  static DeviceReading run(KasaSource.Channel exchange, SysinfoRiders riders) throws IOException {
    FieldProblems problems = new FieldProblems();
    SysInfo info = SysInfoParser.parse(riders.start(exchange), problems);
    Double cloud = cloud(exchange, riders, info, problems);
    if (info.kind() == SysInfo.Kind.STRIP) {
      List<DeviceReading.OutletReading> outlets = new ArrayList<>();
      List<Realtime> readings = new ArrayList<>();
      for (Outlet outlet : info.outlets()) {
        Realtime rt = null;
        if (info.hasMeter()) {
          rt =
              realtime(
                  exchange.ask(Commands.outletRealtime(outlet.id())), "emeter", false, problems);
          readings.add(rt);
        }
        outlets.add(new DeviceReading.OutletReading(outlet, rt));
      }
      Realtime total = info.hasMeter() ? Realtime.sum(readings, info.outletsComplete()) : null;
      riders.finish();
      return new DeviceReading(info, cloud, total, outlets, problems.list());
    }
    Realtime total = null;
    if (info.hasMeter()) {
      String module = info.emeterModule();
      total =
          realtime(
              riders.ask(exchange, module, "get_realtime"),
              module,
              info.kind() == SysInfo.Kind.BULB,
              problems);
    }
    riders.finish();
    return new DeviceReading(info, cloud, total, List.of(), problems.list());
  }

  /**
   * The reading in {@code reply}; {@link Realtime#NONE} (noted) when the meter answered with an
   * error or nothing usable, or null for a bulb that says it has no meter.
   */
  private static Realtime realtime(
      ObjectNode reply, String module, boolean optional, FieldProblems problems) {
    try {
      return RealtimeParser.parse(reply, module, problems);
    } catch (DeviceErrorException e) {
      if (optional) {
        return null; // bulbs without a meter say so here; plugs announced ENE, so an error is real
      }
      problems.add(module, "get_realtime", e.getMessage());
      return Realtime.NONE;
    } catch (IOException e) {
      problems.add(module, "get_realtime", e.getMessage());
      return Realtime.NONE;
    }
  }

  private static Double cloud(
      KasaSource.Channel exchange, SysinfoRiders riders, SysInfo info, FieldProblems problems)
      throws IOException {
    String module = info.cloudModule();
    ObjectNode reply = riders.ask(exchange, module, "get_info");
    try {
      JsonNode node = Replies.method(reply, module, "get_info");
      return problems.number(node, "cld_connection", module + ".get_info");
    } catch (DeviceErrorException e) {
      return null; // not every firmware has the module; the metric is then omitted
    } catch (IOException e) {
      problems.add(module, "get_info", e.getMessage());
      return null;
    }
  }
}

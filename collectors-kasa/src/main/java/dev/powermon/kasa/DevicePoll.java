package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of one poll, in the order that is safe for the device: sysinfo first, then the cloud
 * state, then energy only where sysinfo says there is a meter (one request per strip outlet, each with
 * its {@code context.child_ids}).
 */
final class DevicePoll {
  /** Sends one request and returns the parsed reply. */
  interface Exchange {
    ObjectNode ask(byte[] request) throws IOException;
  }

  private DevicePoll() {}

  static DeviceReading run(Exchange exchange) throws IOException {
    SysInfo info = SysInfoParser.parse(exchange.ask(Commands.SYSINFO));
    Double cloud = cloud(exchange, info);
    if (info.kind() == SysInfo.Kind.STRIP) {
      List<DeviceReading.OutletReading> outlets = new ArrayList<>();
      List<Realtime> readings = new ArrayList<>();
      for (Outlet outlet : info.outlets()) {
        Realtime rt = null;
        if (info.hasMeter()) {
          rt = RealtimeParser.parse(exchange.ask(Commands.outletRealtime(outlet.id())), "emeter");
          readings.add(rt);
        }
        outlets.add(new DeviceReading.OutletReading(outlet, rt));
      }
      return new DeviceReading(info, cloud, info.hasMeter() ? Realtime.sum(readings) : null, outlets);
    }
    return new DeviceReading(info, cloud, info.hasMeter() ? realtime(exchange, info) : null, List.of());
  }

  private static Realtime realtime(Exchange exchange, SysInfo info) throws IOException {
    String module = info.emeterModule();
    try {
      return RealtimeParser.parse(exchange.ask(Commands.realtime(module)), module);
    } catch (DeviceErrorException e) {
      if (info.kind() == SysInfo.Kind.BULB) {
        return null; // bulbs without a meter say so here; plugs announced ENE, so an error is real
      }
      throw e;
    }
  }

  private static Double cloud(Exchange exchange, SysInfo info) throws IOException {
    String module = info.cloudModule();
    try {
      JsonNode node = Replies.method(exchange.ask(Commands.cloudInfo(module)), module, "get_info");
      return JsonFields.number(node, "cld_connection", module + ".get_info");
    } catch (DeviceErrorException e) {
      return null; // not every firmware has the module; the metric is then omitted
    }
  }
}

package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One poll of a SMART device (Tapo P110/P115/P304M, Kasa KP125M, EP25 hw2.6; kasa.md §7), mapped onto
 * the same {@link DeviceReading} as a legacy one. Power comes from {@code get_energy_usage}'s
 * {@code current_power} (mW), volts and amps from {@code get_emeter_data} where the firmware has it,
 * and {@code get_current_power} (whole watts) only when the first is missing. SMART devices keep no
 * lifetime energy counter ({@code today_energy} resets at midnight, {@code month_energy} monthly, and
 * both with a reboot), so no energy total is read: the core integrates the power samples, which keeps
 * the energy counter monotonic whatever the device's clock and counters do. Strips list their outlets
 * with {@code get_child_device_list} (paged, sorted by {@code position}, which counts from 1) and are
 * asked per outlet through {@code control_child}.
 */
final class SmartPoll {
  /** Pages of children read per poll; real strips fit in one, a device paging forever is hostile. */
  private static final int MAX_PAGES = 4;
  private static final int MAX_TEXT = 256;
  private static final String WHERE = SmartCommands.DEVICE_INFO;

  private SmartPoll() {}

  /**
   * Whether the device behind {@code channel} speaks the SMART command set: its answer to
   * {@code get_device_info} carries SMART's {@code error_code} (a legacy device answers a module error).
   */
  static boolean speaksSmart(KasaSource.Channel channel) throws IOException {
    return channel.ask(SmartCommands.request(SmartCommands.DEVICE_INFO)).has("error_code");
  }

  static DeviceReading run(KasaSource.Channel exchange) throws IOException {
    FieldProblems problems = new FieldProblems();
    JsonNode info = SmartCommands.result(exchange.ask(SmartCommands.request(SmartCommands.DEVICE_INFO)),
        SmartCommands.DEVICE_INFO);
    String deviceId = problems.requiredText(info, "device_id", WHERE);
    List<Child> children = children(exchange, problems);
    List<DeviceReading.OutletReading> outlets = new ArrayList<>();
    List<Realtime> readings = new ArrayList<>();
    boolean metered = false;
    for (Child child : children) {
      Realtime rt = energy(exchange, child.outlet().id(), problems);
      metered |= rt != null;
      readings.add(rt == null ? Realtime.NONE : rt);
      outlets.add(new DeviceReading.OutletReading(child.outlet(), rt));
    }
    Realtime total;
    if (children.isEmpty()) {
      total = energy(exchange, null, problems);
      metered = total != null;
    } else {
      total = metered ? Realtime.sum(readings, true) : null;
    }
    List<Outlet> outletList = children.stream().map(Child::outlet).toList();
    SysInfo sysInfo = new SysInfo(
        deviceId,
        base64(problems.text(info, "nickname", WHERE), "nickname", problems),
        orEmpty(problems.requiredText(info, "model", WHERE)),
        orEmpty(mac(problems.text(info, "mac", WHERE))),
        orEmpty(problems.text(info, "hw_ver", WHERE)),
        orEmpty(problems.text(info, "fw_ver", WHERE)),
        children.isEmpty() ? SysInfo.Kind.PLUG : SysInfo.Kind.STRIP,
        metered ? "ENE" : null,
        children.isEmpty() ? bool(info, "device_on", WHERE, problems) : null,
        null,
        problems.number(info, "rssi", WHERE),
        problems.nonNegative(info, "on_time", WHERE),
        null,
        outletList,
        true);
    return new DeviceReading(sysInfo, null, total, children.isEmpty() ? List.of() : outlets, problems.list());
  }

  private record Child(Outlet outlet, int position) {}

  /** The outlets of a strip, sorted by position; empty for a device without children. */
  private static List<Child> children(KasaSource.Channel exchange, FieldProblems problems) throws IOException {
    List<Child> children = new ArrayList<>();
    int start = 0;
    for (int page = 0; page < MAX_PAGES && children.size() < SysInfoParser.MAX_OUTLETS; page++) {
      JsonNode result;
      try {
        result = SmartCommands.result(exchange.ask(SmartCommands.childList(start)), SmartCommands.CHILD_LIST);
      } catch (DeviceErrorException e) {
        return children; // a device without children does not know the method
      }
      JsonNode list = result.get("child_device_list");
      if (list == null || !list.isArray() || list.isEmpty()) {
        break;
      }
      for (JsonNode child : list) {
        if (children.size() < SysInfoParser.MAX_OUTLETS) {
          Child c = child(child, problems);
          if (c != null) {
            children.add(c);
          }
        }
      }
      start += list.size();
      Double sum = problems.nonNegative(result, "sum", SmartCommands.CHILD_LIST);
      if (sum == null || start >= sum) {
        break;
      }
    }
    children.sort(Comparator.comparingInt(Child::position));
    List<Child> slotted = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      Outlet o = children.get(i).outlet();
      slotted.add(new Child(new Outlet(o.id(), o.alias(), i, o.state(), o.onTimeSeconds()), children.get(i).position()));
    }
    return slotted;
  }

  private static Child child(JsonNode child, FieldProblems problems) {
    String where = SmartCommands.CHILD_LIST + ".child_device_list";
    if (!child.isObject()) {
      problems.add(where, "child", where + ": expected an object, got " + child.getNodeType());
      return null;
    }
    String id = problems.requiredText(child, "device_id", where);
    if (id == null) {
      return null;
    }
    Double position = problems.nonNegative(child, "position", where);
    return new Child(new Outlet(id, base64(problems.text(child, "nickname", where), "nickname", problems), 0,
        bool(child, "device_on", where, problems), problems.nonNegative(child, "on_time", where)),
        position == null ? Integer.MAX_VALUE : position.intValue());
  }

  /**
   * The reading of the device ({@code childId} null) or of one outlet; null when it has no meter
   * (every energy method unknown to it).
   */
  private static Realtime energy(KasaSource.Channel exchange, String childId, FieldProblems problems)
      throws IOException {
    JsonNode usage = optional(exchange, childId, SmartCommands.ENERGY_USAGE, problems);
    Double watts = milli(usage == null ? null : problems.nonNegative(usage, "current_power", SmartCommands.ENERGY_USAGE));
    Double volts = null;
    Double amps = null;
    if (usage != null || childId == null) {
      JsonNode emeter = optional(exchange, childId, SmartCommands.EMETER_DATA, problems);
      if (emeter != null) {
        volts = milli(problems.nonNegative(emeter, "voltage_mv", SmartCommands.EMETER_DATA));
        amps = milli(problems.nonNegative(emeter, "current_ma", SmartCommands.EMETER_DATA));
        if (watts == null) {
          watts = milli(problems.nonNegative(emeter, "power_mw", SmartCommands.EMETER_DATA));
        }
      }
    }
    if (watts == null && (usage != null || childId == null)) {
      JsonNode current = optional(exchange, childId, SmartCommands.CURRENT_POWER, problems);
      if (current != null) {
        watts = problems.nonNegative(current, "current_power", SmartCommands.CURRENT_POWER); // whole watts
      }
    }
    if (watts == null && volts == null && amps == null) {
      return usage == null ? null : Realtime.NONE;
    }
    return new Realtime(watts, volts, amps, null);
  }

  /** The method's result, or null when the device does not know it or answered it unusably (noted). */
  private static JsonNode optional(KasaSource.Channel exchange, String childId, String method, FieldProblems problems)
      throws IOException {
    byte[] request = childId == null ? SmartCommands.request(method) : SmartCommands.child(childId, method);
    ObjectNode reply = exchange.ask(request);
    try {
      return SmartCommands.result(reply, method);
    } catch (DeviceErrorException e) {
      return null;
    } catch (KasaProtocolException e) {
      problems.add(method, "result", e.getMessage());
      return null;
    }
  }

  private static Double milli(Double value) {
    return value == null ? null : value / 1000;
  }

  private static Double bool(JsonNode parent, String field, String where, FieldProblems problems) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      problems.add(where, field, where + "." + field + ": expected true or false, got " + node.getNodeType());
      return null;
    }
    return node.booleanValue() ? 1.0 : 0.0;
  }

  /** A SMART label text: base64 of UTF-8, as the protocol sends nicknames; empty when unusable (noted). */
  static String base64(String encoded, String field, FieldProblems problems) {
    if (encoded == null || encoded.isEmpty()) {
      return "";
    }
    try {
      String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    } catch (IllegalArgumentException e) {
      problems.add(WHERE, field, WHERE + "." + field + ": not base64");
      return "";
    }
  }

  /** {@code 78-8C-B5-00-00-01} as the legacy protocol writes MACs: {@code 78:8C:B5:00:00:01}. */
  private static String mac(String mac) {
    return mac == null ? null : mac.replace('-', ':').toUpperCase(Locale.ROOT);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}

package dev.powermon.process;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code /proc/<pid>/cgroup} (cgroups(7)): {@code hierarchy-ID:controllers:path} per line,
 * one {@code 0::path} line under cgroup v2. The path is taken from the v2 line, else from the v1
 * line of the {@code cpu} controller, else {@code name=systemd}; its segments are then read from
 * the leaf up. Shapes recognised (fixtures in {@code src/test/resources/cgroup/} say where each
 * comes from):
 *
 * <ul>
 *   <li>systemd driver: {@code docker-<id>.scope}, {@code cri-containerd-<id>.scope}, {@code
 *       crio-<id>.scope}, {@code libpod-<id>.scope}, and pods as {@code
 *       kubepods-<qos>-pod<uid_with_underscores>.slice};
 *   <li>cgroupfs driver: {@code /docker/<id>}, {@code /kubepods/<qos>/pod<uid>/<id>} (guaranteed
 *       pods have no QoS level), {@code /libpod_parent/libpod-<id>};
 *   <li>anything else under systemd: the nearest {@code .service} or {@code .scope} unit.
 * </ul>
 */
final class CgroupParser {
  private static final Pattern PREFIXED =
      Pattern.compile(
          "(docker|cri-containerd|crio|crio-conmon|libpod|libpod-conmon|containerd)-([0-9a-f]{12,64})(\\.scope)?");
  private static final Pattern BARE_ID = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern POD =
      Pattern.compile(
          "pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})(\\.slice)?");
  private static final Pattern UNIT =
      Pattern.compile("[A-Za-z0-9:_.@\\\\-]{1,128}\\.(service|scope)");

  private CgroupParser() {}

  /** The container the cgroup file places the process in; {@link Container#HOST} when none. */
  static Container parse(String text) {
    String path = pathOf(text);
    if (path == null || path.isEmpty() || path.equals("/")) {
      return Container.HOST;
    }
    String[] segments = path.split("/");
    String podUid = podUid(segments);
    for (int i = segments.length - 1; i >= 0; i--) {
      String s = segments[i];
      Matcher m = PREFIXED.matcher(s);
      if (m.matches()) {
        return new Container(m.group(2), runtime(m.group(1)), podUid);
      }
      if (BARE_ID.matcher(s).matches()) {
        String parent = i > 0 ? segments[i - 1] : "";
        return new Container(s, parent.equals("docker") ? "docker" : "", podUid);
      }
    }
    for (int i = segments.length - 1; i >= 0; i--) {
      if (UNIT.matcher(segments[i]).matches()) {
        return new Container(segments[i], "systemd", podUid);
      }
    }
    return podUid.isEmpty() ? Container.HOST : new Container("", "", podUid);
  }

  /**
   * The cgroup path that places the process (v2, else v1 cpu, else name=systemd); null when none.
   */
  static String pathOf(String text) {
    String v1Cpu = null;
    String v1Systemd = null;
    for (String line : text.split("\n")) {
      int first = line.indexOf(':');
      int second = first < 0 ? -1 : line.indexOf(':', first + 1);
      if (second < 0) {
        continue;
      }
      String controllers = line.substring(first + 1, second);
      String path = line.substring(second + 1).trim();
      if (line.startsWith("0::")) {
        if (!path.equals("/")) {
          return path;
        }
      } else if (v1Cpu == null && hasController(controllers, "cpu")) {
        v1Cpu = path;
      } else if (v1Systemd == null && controllers.equals("name=systemd")) {
        v1Systemd = path;
      }
    }
    return v1Cpu != null && !v1Cpu.equals("/") ? v1Cpu : v1Systemd;
  }

  private static boolean hasController(String controllers, String wanted) {
    for (String c : controllers.split(",")) {
      if (c.equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static String podUid(String[] segments) {
    for (String s : segments) {
      // kubepods-burstable-pod<uid>.slice under systemd, pod<uid> under cgroupfs
      int at = s.lastIndexOf("pod");
      if (at >= 0) {
        Matcher m = POD.matcher(s.substring(at));
        if (m.matches()) {
          return m.group(1).replace('_', '-');
        }
      }
    }
    return "";
  }

  private static String runtime(String prefix) {
    switch (prefix) {
      case "docker":
        return "docker";
      case "crio":
      case "crio-conmon":
        return "cri-o";
      case "libpod":
      case "libpod-conmon":
        return "podman";
      default:
        return "containerd";
    }
  }
}

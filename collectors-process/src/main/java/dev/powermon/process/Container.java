package dev.powermon.process;

/**
 * Where a process runs, as its cgroup path shows it: a container ({@code runtime} docker,
 * containerd, cri-o, podman; {@code podUid} when Kubernetes placed it), a systemd unit ({@code
 * runtime} systemd, {@code id} the unit), or the host itself ({@link #HOST}). Empty strings where
 * the path does not say.
 */
record Container(String id, String runtime, String podUid) {
  static final Container HOST = new Container("", "", "");

  /**
   * The group name: the id's first 12 characters, as {@code docker ps} shows it; the unit; or
   * "host".
   */
  String group() {
    if (id.isEmpty()) {
      return "host";
    }
    return id.length() == 64 && !runtime.equals("systemd") ? id.substring(0, 12) : id;
  }
}

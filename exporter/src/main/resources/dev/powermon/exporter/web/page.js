// The landing page's refresh: fetches /api/v1/status and redraws #live with the markup
// LandingPage.main draws on the server (keep the two alike). Nothing else is loaded.
(function () {
  function esc(t) {
    return String(t == null ? "" : t).replace(/[<>&"']/g, function (c) {
      return {"<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"}[c];
    });
  }
  function w(v) { return Number(v).toFixed(2); }
  function dur(s) {
    return s < 120 ? s + " s" : s < 7200 ? Math.floor(s / 60) + " min"
        : s < 172800 ? Math.floor(s / 3600) + " h" : Math.floor(s / 86400) + " d";
  }
  function spark(t) {
    var vals = t.filter(function (v) { return v !== null; });
    if (vals.length < 2) return "";
    var min = Math.min.apply(null, vals), max = Math.max.apply(null, vals), range = max > min ? max - min : 1;
    var pts = [];
    t.forEach(function (v, i) {
      if (v !== null) pts.push((i * 120 / (t.length - 1)).toFixed(1) + "," + (22 - (v - min) / range * 20).toFixed(1));
    });
    return "<svg width=\"120\" height=\"24\" viewBox=\"0 0 120 24\"><polyline points=\"" + pts.join(" ") + "\"/></svg>";
  }
  function state(c) {
    var failing = c.devices.filter(function (d) { return !d.ok; }).length;
    if (!c.ok) return "<td class=\"failing\">failing</td>";
    return failing === 0 ? "<td class=\"ok\">ok</td>"
        : "<td class=\"failing\">ok, " + failing + " of " + c.devices.length + " devices failing</td>";
  }
  function main(s) {
    var h = "<header><h1>powermon</h1><p>version " + esc(s.version) + " (revision " + esc(s.revision)
        + "), up <span id=\"uptime\">" + dur(s.uptime_seconds) + "</span></p><p class=\"total\" id=\"total\">"
        + (s.total == null ? "No power reading yet" : w(s.total.watts) + " W " + esc(s.total.kind) + ", " + esc(s.total.basis))
        + "</p></header>\n<main>\n<p><a href=\"" + esc(TELEMETRY) + "\">Metrics</a> · <a href=\"/api/v1/status\">Status (JSON)</a>"
        + " · <a href=\"/-/healthy\">Health</a> · <a href=\"/-/ready\">Readiness</a></p>\n<h2>Collectors</h2>\n";
    if (s.collectors.length === 0) {
      h += "<p>No collector is enabled. Run <code>powermon collectors</code> to see which can run here.</p>\n";
    }
    s.collectors.forEach(function (c) {
      h += "<table class=\"collector\" id=\"collector-" + esc(c.name) + "\"><tr><th colspan=\"2\">" + esc(c.name)
          + "</th></tr>\n<tr><td>state</td>" + state(c) + "</tr>\n<tr><td>last success</td><td>"
          + (c.seconds_since_success == null ? "never" : dur(c.seconds_since_success) + " ago") + "</td></tr>\n";
      if (c.error != null) h += "<tr class=\"failing\"><td>last error</td><td>" + esc(c.error) + "</td></tr>\n";
      if (c.devices.length > 0) {
        h += "<tr><td colspan=\"2\"><table class=\"devices\"><tr><th>Alias</th><th>Model</th><th>Address</th>"
            + "<th>State</th><th>Watts</th></tr>\n";
        c.devices.forEach(function (d) {
          h += "<tr class=\"device " + (d.ok ? "ok" : "failing") + "\" data-id=\"" + esc(d.id) + "\"><td>" + esc(d.alias)
              + "</td><td>" + esc(d.model) + "</td><td>" + esc(d.address) + "</td><td>"
              + (d.ok ? "ok" : "failing: " + esc(d.error)) + "</td><td class=\"num\">"
              + (d.watts == null ? "" : w(d.watts)) + "</td></tr>\n";
        });
        h += "</table></td></tr>\n";
      }
      h += "</table>\n";
    });
    h += "<h2>Power now</h2>\n";
    if (s.power.length === 0) {
      h += "<p>No power reading yet.</p>\n";
    } else {
      h += "<table id=\"power\"><tr><th>Source</th><th>Device</th><th>Domain</th><th>Watts</th><th>Last minute</th></tr>\n";
      s.power.forEach(function (p) {
        h += "<tr class=\"" + (p.sub ? "sub" : "total") + "\"><td>" + esc(p.source) + "</td><td>" + esc(p.device)
            + "</td><td class=\"domain\">" + esc(p.domain) + "</td><td class=\"num watts\">" + w(p.watts) + "</td><td>"
            + (p.sub ? "" : spark(p.trace)) + "</td></tr>\n";
      });
      h += "</table>\n";
    }
    return h + "</main>";
  }
  function refresh() {
    fetch("/api/v1/status", {cache: "no-store"})
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (s) {
          document.getElementById("live").innerHTML = main(s);
          document.body.setAttribute("data-refreshed", String(Date.now()));
        })
        .catch(function () { /* the exporter is away: keep the last picture, try again */ })
        .then(function () { setTimeout(refresh, REFRESH); });
  }
  setTimeout(refresh, REFRESH);
})();

package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests a malicious web page open on the host can make to the admin API of the real JAR,
 * each refused, and the file left as the operator wrote it; the API's own client still gets
 * through.
 */
class AdminCrossSiteTest {
  private static final String TOGGLE = "{\"powermon_build_info\": false}";
  private static final String JSON = "Content-Type: application/json";

  @TempDir static Path dir;
  private static Path config;
  private static PowermonJar powermon;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    powermon = PowermonJar.start(dir, config, List.of("--collector=host"));
    admin = powermon.adminTarget();
  }

  @AfterAll
  static void stop() throws Exception {
    powermon.close();
  }

  @Test
  void aFormOrTextPlainPostIsRefusedAsNotJson() throws Exception {
    assertThat(post("/api/v1/metrics", TOGGLE, "Content-Type: text/plain")).isEqualTo(415);
    assertThat(
            post(
                "/api/v1/metrics",
                "powermon_build_info=false",
                "Content-Type: application/x-www-form-urlencoded"))
        .isEqualTo(415);
    assertThat(post("/api/v1/metrics", TOGGLE, "Content-Type: multipart/form-data; boundary=x"))
        .isEqualTo(415);
    assertThat(post("/api/v1/metrics", TOGGLE)).isEqualTo(415); // no type at all
    assertThat(post("/-/reload", "x", "Content-Type: text/plain")).isEqualTo(415);
    assertUntouched();
  }

  @Test
  void aPageOfAnotherOriginIsRefused() throws Exception {
    assertThat(post("/api/v1/metrics", TOGGLE, JSON, "Origin: http://evil.example")).isEqualTo(403);
    assertThat(
            post(
                "/api/v1/metrics",
                TOGGLE,
                "Content-Type: text/plain",
                "Origin: http://evil.example"))
        .isEqualTo(403);
    assertThat(post("/api/v1/metrics", TOGGLE, JSON, "Origin: null"))
        .isEqualTo(403); // sandboxed iframe
    assertThat(post("/api/v1/metrics", TOGGLE, JSON, "Sec-Fetch-Site: cross-site")).isEqualTo(403);
    assertThat(post("/api/v1/metrics", TOGGLE, JSON, "Sec-Fetch-Site: same-site")).isEqualTo(403);
    assertThat(post("/-/reload", "", "Origin: http://evil.example")).isEqualTo(403);
    assertThat(post("/-/reload", "", "Sec-Fetch-Site: cross-site")).isEqualTo(403);
    // the admin port on another loopback page (e.g. another service on 127.0.0.1:8080)
    assertThat(post("/api/v1/metrics", TOGGLE, JSON, "Origin: http://127.0.0.1:1")).isEqualTo(403);
    assertUntouched();
  }

  @Test
  void aDnsRebindingPageIsRefusedByItsHost() throws Exception {
    String port = admin.substring(admin.lastIndexOf(':') + 1);
    String rebound = "Host: evil.example:" + port;
    assertThat(
            post("/api/v1/metrics", TOGGLE, JSON, rebound, "Origin: http://evil.example:" + port))
        .isEqualTo(403);
    assertThat(
            RawHttp.status(
                admin, RawHttp.get("GET", "/api/v1/metrics", rebound.replace("Host", "X-Ignored"))))
        .isEqualTo(200);
    assertUntouched();
  }

  @Test
  void malformedJsonIsRefused() throws Exception {
    assertThat(post("/api/v1/metrics", TOGGLE + " {\"x\": true}", JSON))
        .isEqualTo(400); // trailing garbage
    assertThat(
            post(
                "/api/v1/metrics",
                "{\"powermon_build_info\": true, \"powermon_build_info\": false}",
                JSON))
        .isEqualTo(400);
    assertThat(post("/api/v1/metrics", "[".repeat(10_000), JSON)).isEqualTo(400);
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 2000; i++) {
      many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":true");
    }
    assertThat(post("/api/v1/metrics", many + "}", JSON)).isEqualTo(400);
    assertThat(post("/api/v1/metrics", "{\"a\": \"" + "x".repeat(70 * 1024) + "\"}", JSON))
        .isEqualTo(413);
    assertUntouched();
  }

  @Test
  void theApiItselfStillWorks() throws Exception {
    String port = admin.substring(admin.lastIndexOf(':') + 1);
    assertThat(post("/api/v1/metrics", "{\"powermon_build_info\": true}", JSON)).isEqualTo(200);
    assertThat(
            post(
                "/api/v1/metrics",
                "{\"powermon_build_info\": true}",
                "Content-Type: application/json; charset=utf-8",
                "Origin: http://127.0.0.1:" + port,
                "Sec-Fetch-Site: same-origin"))
        .isEqualTo(200);
    assertThat(post("/-/reload", "")).isEqualTo(200); // curl -X POST, as Prometheus' own reload
  }

  private static int post(String path, String body, String... headers) throws Exception {
    return RawHttp.status(admin, RawHttp.withBody("POST", path, body, headers));
  }

  private static void assertUntouched() throws Exception {
    assertThat(Files.readString(config)).doesNotContain("powermon_build_info: false");
  }
}

# syntax=docker/dockerfile:1
# powermon: build the shaded JAR with Maven, run it on a JRE as an unprivileged user.
#
#   docker build -t powermon .
#   docker run -d --name powermon -p 9100:9100 -v /sys:/host/sys:ro powermon --collector.rapl.sysfs=/host/sys
#
# RAPL's energy_uj files are root-only on current kernels: see the README (Monitoring, and rapl: Containers)
# ("Docker") for the group or root options. Kasa discovery needs --network host.

FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps downloaded dependencies between builds (BuildKit).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl exporter -am package -DskipTests \
 && cp exporter/target/powermon.jar /powermon.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 powermon \
 && useradd --system --uid 10001 --gid powermon --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin powermon
COPY --from=build /powermon.jar /opt/powermon/powermon.jar
USER powermon:powermon
EXPOSE 9100
# bash's /dev/tcp instead of curl or wget, which the JRE image does not promise to ship.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9100 && printf 'GET /-/healthy HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# The small-footprint flags of the README: serial GC, small heap, C1 only, capped code
# cache and metaspace; exit (and let the restart policy act) on OutOfMemoryError.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xss256k", \
            "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=64m", "-XX:+ExitOnOutOfMemoryError", \
            "-XX:-UsePerfData", "-jar", "/opt/powermon/powermon.jar"]
CMD ["--web.listen-address=:9100"]

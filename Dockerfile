# syntax=docker/dockerfile:1
# powermon: build the shaded JAR with Maven (Java 17), run it on a Java 25 JRE as an unprivileged user,
# through bin/powermon with an AOT cache recorded at image build.
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
# JNA (process metrics, the host collector) unpacks its native library into a temporary directory at
# run time, which a read-only root or a noexec /tmp forbids. Unpack it here instead; the JVM is pointed
# at it with -Djna.boot.library.path below.
RUN case "$(uname -m)" in \
      x86_64) jna=linux-x86-64 ;; \
      aarch64) jna=linux-aarch64 ;; \
      *) echo "no JNA native library for $(uname -m)" >&2; exit 1 ;; \
    esac \
 && mkdir -p /native && cd /native \
 && jar xf /powermon.jar "com/sun/jna/$jna/libjnidispatch.so" \
 && mv "com/sun/jna/$jna/libjnidispatch.so" . && rm -r com

# Java 25: AOT cache (JEP 483/514) and compact object headers; the JAR itself needs only 17.
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 powermon \
 && useradd --system --uid 10001 --gid powermon --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin powermon
COPY --from=build /powermon.jar /opt/powermon/powermon.jar
COPY --from=build /native/libjnidispatch.so /opt/powermon/native/libjnidispatch.so
COPY --from=build /src/bin/powermon /src/bin/powermon-train /opt/powermon/bin/
# JNA loads the library unpacked above, so nothing needs to be written or executed from /tmp.
ENV POWERMON_JAVA_OPTS=-Djna.boot.library.path=/opt/powermon/native
# One short run records the AOT cache beside the JAR (bin/powermon-train; the build fails without it),
# so every container starts from it; the JVM refuses a cache that does not match and runs without.
RUN /opt/powermon/bin/powermon-train && ls /opt/powermon/powermon.jar.*.aot
USER powermon:powermon
EXPOSE 9100
# The listen address comes from this variable (powermon reads it as --web.listen-address's default), so the
# health check below probes the address powermon listens on: move it with -e POWERMON_WEB_LISTEN_ADDRESS=:9200.
ENV POWERMON_WEB_LISTEN_ADDRESS=:9100
# bash's /dev/tcp instead of curl or wget, which the JRE image does not promise to ship. An empty host or a
# wildcard (0.0.0.0, [::]) is probed on loopback.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "a=${POWERMON_WEB_LISTEN_ADDRESS:-:9100}; port=${a##*:}; host=${a%:*}; host=${host#[}; host=${host%]}; case $host in ''|0.0.0.0|::) host=127.0.0.1 ;; esac; exec 3<>/dev/tcp/$host/$port && printf 'GET /-/healthy HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# bin/powermon: the small-footprint flags every shipped launch uses (serial GC, small heap, C1 only,
# capped code cache and metaspace, exit on OutOfMemoryError, so the restart policy acts), compact
# object headers and the AOT cache.
ENTRYPOINT ["/opt/powermon/bin/powermon"]

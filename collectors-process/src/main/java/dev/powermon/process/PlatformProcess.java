package dev.powermon.process;

import java.util.function.Supplier;

/**
 * One process as macOS or Windows reports it (through OSHI): its CPU time of every thread, user and
 * kernel, in milliseconds; when it started, in milliseconds since the epoch; and its command line,
 * fetched only when asked (on Windows it costs a query per process).
 */
record PlatformProcess(
    int pid, String name, long startMillis, long cpuMillis, Supplier<String> commandLine) {}

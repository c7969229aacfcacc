package dev.powermon.process;

/** One process for its whole life: the pid alone is reused by the kernel, the pair is not. */
record ProcessKey(int pid, long startTicks) {}

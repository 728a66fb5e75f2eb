package dev.hookline.bootstrap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from /proc, in milliseconds: Hookline's process, the bench's own JVM (publishers and
 * sink) and the whole machine (busy and total over all cores). The difference of two readings
 * tells where a scenario's CPU went; what is neither Hookline nor the bench is mostly the
 * database server when it runs on the same machine (PostgreSQL), else the JIT of nobody and the OS.
 */
record Cpu(long hooklineMs, long benchMs, long machineBusyMs, long machineTotalMs) {

    static Cpu read(HooklineProcess hookline) {
        long busy = -1;
        long total = -1;
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal (USER_HZ = 100)
            total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            busy = total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
            busy *= 10;
            total *= 10;
        } catch (IOException | RuntimeException e) {
            // no /proc: shares are reported as -1
        }
        return new Cpu(hookline.cpuMillis(), HooklineProcess.cpuMillis("self"), busy, total);
    }

    Cpu since(Cpu earlier) {
        return new Cpu(hooklineMs - earlier.hooklineMs, benchMs - earlier.benchMs,
                machineBusyMs - earlier.machineBusyMs, machineTotalMs - earlier.machineTotalMs);
    }

    /** {@code ms} as a percentage of all the machine's cores over the interval. */
    double share(long ms) {
        return machineTotalMs <= 0 || ms < 0 ? -1 : Math.round(1000.0 * ms / machineTotalMs) / 10.0;
    }
}

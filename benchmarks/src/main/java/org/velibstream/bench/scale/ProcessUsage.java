package org.velibstream.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process as Linux reports them in {@code /proc/<pid>}: the same reading for the
 * benchmark's own JVM and for the servers it starts as separate processes.
 *
 * @param cpuMillis user and system CPU time since the process started
 * @param residentBytes resident set size (VmRSS)
 */
public record ProcessUsage(long cpuMillis, long residentBytes) {

    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux that the JDK runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    public static ProcessUsage of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15
            long residentKb = Files.readAllLines(proc.resolve("status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no VmRSS in " + proc.resolve("status")));
            return new ProcessUsage(ticks * 1000 / CLOCK_TICKS_PER_SECOND, residentKb * 1024);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot read the CPU and memory of process " + pid + " from " + proc
                            + " (the scale benchmark needs Linux's /proc)",
                    e);
        }
    }

    public static ProcessUsage ofThisProcess() {
        return of(ProcessHandle.current().pid());
    }

    /** Cores kept busy between {@code earlier} and this reading, {@code elapsedMillis} apart. */
    public double coresBusySince(ProcessUsage earlier, long elapsedMillis) {
        return (cpuMillis - earlier.cpuMillis) / (double) Math.max(elapsedMillis, 1);
    }
}

package io.sessionplane.bench;

import io.sessionplane.localstack.stack.LocalStack;
import io.sessionplane.localstack.stack.ServiceProcess;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time used by each process of a local stack, read from {@code /proc/<pid>/stat} (user + system). PostgreSQL is
 * the postmaster with every live child (backends, WAL writer, checkpointer) plus the children that have exited;
 * "driver" is the benchmark's own JVM (load generator and follower), which shares the machine.
 */
final class CpuTime {
    private static final double MS_PER_TICK = 1000.0 / 100; // USER_HZ is 100 on Linux

    private CpuTime() {
    }

    /** CPU milliseconds used so far, per process, in a stable order. */
    static Map<String, Double> usedMillis(LocalStack stack, List<String> services) {
        Map<String, Double> used = new LinkedHashMap<>();
        for (String service : services) {
            List<ServiceProcess> instances = stack.instances(service);
            used.put(service, instances.isEmpty() ? 0 : ticks(instances.get(0).pid()) * MS_PER_TICK);
        }
        used.put("broker", ticks(stack.kafka().pid()) * MS_PER_TICK);
        long postmaster = stack.postgres().pid();
        String[] postmasterStat = statFields(postmaster);
        // Children that exited and were waited for are in the postmaster's cutime and cstime.
        long postgres = postmasterStat == null ? 0 : ticks(postmasterStat) + Long.parseLong(postmasterStat[13])
                + Long.parseLong(postmasterStat[14]);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String[] stat = statFields(Long.parseLong(process.getFileName().toString()));
                if (stat != null && Long.parseLong(stat[1]) == postmaster) {
                    postgres += ticks(stat);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        used.put("PostgreSQL", postgres * MS_PER_TICK);
        used.put("driver", ticks(ProcessHandle.current().pid()) * MS_PER_TICK);
        return used;
    }

    /** What each process used between two readings. */
    static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((process, ms) -> used.put(process, Math.max(0, ms - before.getOrDefault(process, 0.0))));
        return used;
    }

    /** utime + stime of a process, in clock ticks; 0 if it is gone. */
    private static long ticks(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? 0 : ticks(fields);
    }

    private static long ticks(String[] statFields) {
        return Long.parseLong(statFields[11]) + Long.parseLong(statFields[12]);
    }

    /** The fields of /proc/pid/stat after the command name (field 3, state, is index 0). */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name is in parentheses and may hold spaces: split after its closing one.
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

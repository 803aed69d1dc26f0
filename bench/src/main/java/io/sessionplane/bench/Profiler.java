package io.sessionplane.bench;

import io.sessionplane.localstack.stack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * With {@code -Dbench.profile=true}, records a JFR profile of one service while a scenario's phase runs
 * ({@code jcmd <pid> JFR.start}), to bench/target/profiles/; {@code jfr print} or JDK Mission Control reads it. Off by
 * default: the recording costs a few per cent of the figures it would explain.
 */
final class Profiler {
    static final boolean ENABLED = Boolean.getBoolean("bench.profile");

    private Profiler() {
    }

    static void startIfAsked(ServiceProcess service, String name, Duration duration) throws IOException,
            InterruptedException {
        if (!ENABLED) {
            return;
        }
        Path dir = Path.of(System.getProperty("sessionplane.root", ".")).resolve("bench/target/profiles");
        Files.createDirectories(dir);
        Path file = dir.resolve(service.name() + "-" + name + ".jfr").toAbsolutePath();
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(service.pid()), "JFR.start", "name=" + name,
                "settings=profile", "duration=" + duration.toSeconds() + "s", "filename=" + file)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd JFR.start failed for " + service.name());
        }
        System.out.println("profiling " + service.name() + " for " + duration.toSeconds() + " s into " + file);
    }
}

package io.sessionplane.localstack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Freezes and thaws a process and everything it started, as a stalled dependency would behave (its connections stay
 * open and nothing answers): {@code SIGSTOP}/{@code SIGCONT} through {@code kill}, for fault tests and the chaos suite.
 */
public final class ProcessSignals {
    private ProcessSignals() {
    }

    /** SIGSTOP to the process and its descendants (PostgreSQL serves each connection from a child). */
    public static void freeze(long pid) {
        signal("STOP", tree(pid));
    }

    /** SIGCONT to the process and its descendants. */
    public static void thaw(long pid) {
        signal("CONT", tree(pid));
    }

    /** SIGKILL to the process and its descendants: a crash, nothing flushed, no shutdown hook. */
    public static void kill(long pid) {
        signal("KILL", tree(pid));
    }

    private static List<Long> tree(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    private static void signal(String signal, List<Long> pids) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + pids, e);
        }
    }
}

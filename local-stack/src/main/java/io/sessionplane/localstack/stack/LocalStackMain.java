package io.sessionplane.localstack.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code ./sessionplane [up|stop|status]}: runs the local stack in the foreground until Ctrl-C, or stops one that
 * is running (also after the launcher was killed: every process left a pid file).
 */
public final class LocalStackMain {
    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        Path root = Path.of(System.getProperty("sessionplane.root", ".")).toAbsolutePath().normalize();
        StackSettings settings = StackSettings.fromEnvironment(root);
        switch (command) {
            case "up", "start" -> up(settings);
            case "stop", "down" -> System.exit(stop(settings) ? 0 : 1);
            case "status" -> status(settings);
            default -> {
                System.err.println("usage: sessionplane [up|stop|status]");
                System.exit(2);
            }
        }
    }

    private static void up(StackSettings settings) throws InterruptedException, IOException {
        if (stop(settings)) {
            System.out.println("(stopped processes left over from an earlier run)");
        }
        Files.createDirectories(settings.pidDir());
        Files.writeString(settings.pidDir().resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));
        LocalStack stack = new LocalStack(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping SessionPlane …");
            stack.close();
            try {
                Files.deleteIfExists(settings.pidDir().resolve("launcher.pid"));
            } catch (IOException ignored) {
                // best effort
            }
            System.out.println("Stopped; data kept in " + settings.dataDir());
            stopped.countDown();
        }, "sessionplane-stop"));
        System.out.println("Starting SessionPlane (data in " + settings.dataDir() + ") …");
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("SessionPlane did not start: " + e.getMessage());
            System.exit(1);
        }
        System.out.println(stack.banner());
        stopped.await();
    }

    /**
     * Stops a running stack: asks its launcher to shut down cleanly, then ends any process still listed.
     * Returns whether anything was running.
     */
    static boolean stop(StackSettings settings) throws IOException {
        Path pids = settings.pidDir();
        if (!Files.isDirectory(pids)) {
            return false;
        }
        boolean found = false;
        Optional<ProcessHandle> launcher = alive(pids.resolve("launcher.pid"));
        if (launcher.isPresent() && launcher.get().pid() != ProcessHandle.current().pid()) {
            found = true;
            launcher.get().destroy();
            launcher.get().onExit().orTimeout(90, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                Optional<ProcessHandle> process = alive(file);
                if (process.isPresent() && process.get().pid() != ProcessHandle.current().pid()) {
                    found = true;
                    process.get().destroy();
                    process.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                            .exceptionally(e -> {
                                process.get().destroyForcibly();
                                return null;
                            }).join();
                }
                Files.deleteIfExists(file);
            }
        }
        // PostgreSQL runs under the launcher; if the launcher was killed, stop it through its own pid file.
        Path postmaster = settings.dataDir().resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(postmaster)) {
            List<String> lines = Files.readAllLines(postmaster);
            if (!lines.isEmpty()) {
                Optional<ProcessHandle> postgres = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
                if (postgres.isPresent() && postgres.get().isAlive()) {
                    found = true;
                    postgres.get().destroy();
                    postgres.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                            .exceptionally(e -> null).join();
                }
            }
        }
        return found;
    }

    private static void status(StackSettings settings) throws IOException {
        Path pids = settings.pidDir();
        if (!Files.isDirectory(pids)) {
            System.out.println("not running");
            return;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".pid", "");
                System.out.println(name + ": " + alive(file).map(p -> "running, pid " + p.pid()).orElse("not running"));
            }
        }
    }

    private static Optional<ProcessHandle> alive(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    // A reused pid of an unrelated program must not be killed.
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

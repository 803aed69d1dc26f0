package io.sessionplane.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts and stops child JVMs whose output goes to a log file, and remembers their pids for {@code stop}. */
public final class JavaProcess {
    private static final String CLASSPATH_RESOURCE = "META-INF/sessionplane/runtime.classpath";

    private JavaProcess() {
    }

    /** The java binary of the running JVM, so children use the same JDK. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The classpath of this module's runtime dependencies, written at build time. Children started from a test JVM
     * or from the launcher use it, so the broker's jars never need to be on anyone else's classpath.
     */
    public static String localStackClasspath() {
        try (InputStream in = JavaProcess.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing; build local-stack with ./mvnw");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(JavaProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            return self + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code java <jvmArgs> <mainArgs>} with extra environment variables, appending output to logFile.
     */
    public static Process start(String name, List<String> jvmArgs, List<String> mainArgs, Map<String, String> env,
            Path logFile, Path pidDir) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.addAll(mainArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(logFile.getParent());
            Process process = builder.start();
            if (pidDir != null) {
                Files.createDirectories(pidDir);
                Files.writeString(pidDir.resolve(name + ".pid"), Long.toString(process.pid()));
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Asks the process to stop (SIGTERM), waits, then kills it and its children. */
    public static void stop(String name, Process process, Duration grace, Path pidDir) {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (pidDir != null) {
            try {
                Files.deleteIfExists(pidDir.resolve(name + ".pid"));
            } catch (IOException ignored) {
                // a stale pid file is checked against the live process before use
            }
        }
    }

    /** The last lines of a log, for error messages when a child dies during start. */
    public static String tail(Path logFile, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }
}

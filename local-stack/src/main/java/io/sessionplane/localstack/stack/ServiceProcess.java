package io.sessionplane.localstack.stack;

import io.sessionplane.localstack.JavaProcess;
import io.sessionplane.localstack.Readiness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Quarkus service of the stack, run from its built quarkus-app in its own JVM. */
public final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final String javaOptions;
    private final Path logFile;
    private final Path pidDir;
    private Process process;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, String javaOptions,
            Path logDir, Path pidDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.javaOptions = javaOptions;
        this.logFile = logDir.resolve(name + ".log");
        this.pidDir = pidDir;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Where the instance logs; a restart appends to it. */
    public Path logFile() {
        return logFile;
    }

    public void start() {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(name + " is not built (" + jar + "); run ./mvnw -DskipTests package");
        }
        List<String> jvm = new ArrayList<>(List.of(javaOptions.trim().split("\\s+")));
        jvm.removeIf(String::isBlank);
        jvm.add("-Dquarkus.http.port=" + port);
        process = JavaProcess.start(name, jvm, List.of("-jar", jar.toString()), environment, logFile, pidDir);
    }

    /** The JVM's pid while it runs. */
    public long pid() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** A crash: SIGKILL, no shutdown hook, nothing drained. {@link #start()} brings it back. */
    public void kill() {
        if (running()) {
            io.sessionplane.localstack.ProcessSignals.kill(process.pid());
            try {
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process = null;
    }

    /** Waits until /q/health/ready answers 200, failing early if the process dies. */
    public void awaitReady(Duration timeout) {
        Readiness.awaitHealthReady(name, port, timeout, process, logFile);
    }

    @Override
    public void close() {
        JavaProcess.stop(name, process, Duration.ofSeconds(25), pidDir);
        process = null;
    }
}

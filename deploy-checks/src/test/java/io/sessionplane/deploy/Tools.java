package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The command-line tools these checks drive (node and npm, the kustomize pinned in deploy/validation, docker-compose).
 * On a developer machine without one, its checks are skipped with the reason; in CI (CI=true) a missing tool is a
 * failure, since .ci/run installs them.
 */
final class Tools {
    static final Path ROOT = Path.of(System.getProperty("sessionplane.root", "..")).toAbsolutePath().normalize();

    record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static void require(String tool, String install) {
        if (onPath(tool)) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(tool + " is required in CI (" + install + ")");
        }
        Assumptions.abort(tool + " is not installed, so this deploy check is skipped (" + install + ")");
    }

    static Result run(Path directory, Map<String, String> env, List<String> command) {
        try {
            // Output goes to a file so that the time limit holds even when a tool hangs with its stdout open.
            Path output = Files.createTempFile("deploy-check", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(command + " did not finish in 10 minutes:\n" + Files.readString(output));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result run(List<String> command) {
        return run(ROOT, Map.of(), command);
    }

    static final Path VALIDATION = ROOT.resolve("deploy/validation");

    /**
     * deploy/validation's npm packages (schema validators and, on linux-x64, the pinned kustomize), installed by
     * {@code npm ci} when missing or older than the lock file.
     */
    static synchronized void requireValidationPackages() {
        require("node", "Node.js 20+ and npm");
        require("npm", "Node.js 20+ and npm");
        Path installed = VALIDATION.resolve("node_modules/.package-lock.json");
        try {
            if (Files.exists(installed) && Files.getLastModifiedTime(installed)
                    .compareTo(Files.getLastModifiedTime(VALIDATION.resolve("package-lock.json"))) >= 0) {
                return;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Result install = run(VALIDATION, Map.of(), List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        if (install.exitCode() != 0) {
            fail("npm ci in deploy/validation failed:\n" + install.output());
        }
    }
}

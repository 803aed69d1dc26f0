package io.sessionplane.images;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The images' Java runtime: a jlink image of the building JDK with the modules Quarkus services use, and the shared
 * C libraries it links against (found with ldd), so the image needs no distribution underneath.
 */
final class JavaRuntime {
    /** Modules the services need; checked by running a service from the image (ContainerImagesTest). */
    static final List<String> MODULES = List.of("java.base", "java.compiler", "java.desktop", "java.instrument",
            "java.logging", "java.management", "java.naming", "java.net.http", "java.prefs", "java.rmi", "java.scripting",
            "java.security.jgss", "java.security.sasl", "java.sql", "java.transaction.xa", "java.xml",
            "jdk.crypto.ec", "jdk.jfr", "jdk.localedata", "jdk.management", "jdk.naming.dns", "jdk.net",
            "jdk.unsupported", "jdk.zipfs", "jdk.charsets");
    private static final Pattern LIBRARY = Pattern.compile("(?m)(?:=>\\s*)?(/\\S+\\.so[.\\d]*)\\s+\\(0x");

    private JavaRuntime() {
    }

    /** Creates (once) the jlink runtime under {@code dir}; returns its home. */
    static Path jlink(Path dir) {
        // Keyed by the module list, so changing the list never reuses a stale runtime.
        Path home = dir.resolve("java-" + Integer.toHexString(String.join(",", MODULES).hashCode()));
        if (Files.isExecutable(home.resolve("bin/java"))) {
            return home;
        }
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IllegalStateException(
                "jlink is missing: build the images with a full JDK (with jmods)"));
        StringWriter out = new StringWriter();
        int code = jlink.run(new PrintWriter(out), new PrintWriter(out), "--add-modules", String.join(",", MODULES),
                "--strip-debug", "--no-man-pages", "--no-header-files", "--compress=2", "--output", home.toString());
        if (code != 0) {
            throw new IllegalStateException("jlink failed: " + out);
        }
        return home;
    }

    /** Every shared library the runtime's binaries and libraries load, as absolute host paths (with the loader). */
    static Set<Path> sharedLibraries(Path home) {
        Set<Path> libraries = new TreeSet<>();
        try (Stream<Path> files = Files.walk(home)) {
            List<Path> binaries = files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".so") || f.getParent().getFileName().toString().equals("bin"))
                    .toList();
            for (Path binary : binaries) {
                Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
                String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                ldd.waitFor();
                Matcher matcher = LIBRARY.matcher(output);
                while (matcher.find()) {
                    Path library = Path.of(matcher.group(1));
                    if (!library.startsWith(home)) {
                        libraries.add(library);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (libraries.isEmpty()) {
            throw new IllegalStateException("ldd found no libraries; is this a glibc Linux?");
        }
        return libraries;
    }
}

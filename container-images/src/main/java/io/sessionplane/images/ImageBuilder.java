package io.sessionplane.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds SessionPlane's container images as {@code docker load}-able tarballs, without a Docker daemon or a
 * registry: from scratch, a layer of C libraries and account files, a jlink Java runtime, then the Quarkus fast-jar
 * in four layers (dependencies, Quarkus, application) so that rebuilds change only the top layers. Runs as uid 1001.
 *
 * <pre>java -cp … io.sessionplane.images.ImageBuilder [output-dir] [tag] [application …]</pre>
 */
public final class ImageBuilder {
    public static final List<String> APPLICATIONS = List.of("session-service", "assist-service", "audit-service",
            "agent-simulator", "console");
    public static final String USER = "1001";
    private static final Instant EPOCH = Instant.ofEpochSecond(1);
    private static final String OWNER = USER + ":" + USER;

    private final Path root;
    private final Path work;
    /** The jlink runtime and the C libraries it needs, the same for every image: found once per builder. */
    private Path java;
    private Set<Path> libraries;

    public ImageBuilder(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("sessionplane.root", ".")).toAbsolutePath().normalize();
        Path output = args.length > 0 ? Path.of(args[0]) : root.resolve("container-images/target/images");
        String tag = args.length > 1 ? args[1] : "0.1.0";
        List<String> applications = args.length > 2 ? List.of(args).subList(2, args.length) : APPLICATIONS;
        ImageBuilder builder = new ImageBuilder(root, root.resolve("container-images/target/image-work"));
        for (String application : applications) {
            Path tar = builder.build(application, "sessionplane/" + application + ":" + tag, output);
            System.out.printf("%s  %,d bytes%n", tar, Files.size(tar));
        }
        System.out.println("load with: docker load -i <file>");
    }

    /** Builds one application's image into {@code output/<application>.tar}. */
    public Path build(String application, String reference, Path output) throws Exception {
        Path app = root.resolve(application).resolve("target/quarkus-app");
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(application + " is not built: run ./mvnw -DskipTests package");
        }
        Files.createDirectories(output);
        if (java == null) {
            java = JavaRuntime.jlink(work);
            libraries = JavaRuntime.sharedLibraries(java);
        }
        JibContainerBuilder image = Jib.fromScratch()
                .setFormat(ImageFormat.Docker)
                .setCreationTime(EPOCH)
                .addFileEntriesLayer(system(libraries))
                .addFileEntriesLayer(tree("java-runtime", java, AbsoluteUnixPath.get("/opt/java"), "root:root"))
                .addFileEntriesLayer(tree("dependencies", app.resolve("lib"), AbsoluteUnixPath.get("/deployments/lib"), OWNER))
                .addFileEntriesLayer(tree("quarkus", app.resolve("quarkus"), AbsoluteUnixPath.get("/deployments/quarkus"), OWNER))
                .addFileEntriesLayer(application(app))
                .setEnvironment(Map.of("PATH", "/opt/java/bin:/usr/bin:/bin", "JAVA_HOME", "/opt/java",
                        "LANG", "C.UTF-8", "QUARKUS_HTTP_PORT", "8080"))
                .setEntrypoint(List.of("/opt/java/bin/java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Djava.io.tmpdir=/tmp",
                        "-jar", "/deployments/quarkus-run.jar"))
                .setUser(OWNER)
                .setWorkingDirectory(AbsoluteUnixPath.get("/deployments"))
                .addExposedPort(Port.tcp(8080))
                .setLabels(new LinkedHashMap<>(Map.of(
                        "org.opencontainers.image.title", application,
                        "org.opencontainers.image.vendor", "SessionPlane",
                        "org.opencontainers.image.source", "https://github.com/sessionplane/sessionplane",
                        "org.opencontainers.image.version", reference.substring(reference.lastIndexOf(':') + 1))));
        Path tar = output.resolve(application + ".tar");
        image.containerize(Containerizer.to(TarImage.at(tar).named(reference))
                .setBaseImageLayersCache(work.resolve("cache/base"))
                .setApplicationLayersCache(work.resolve("cache/application"))
                .setOfflineMode(true));
        return tar;
    }

    /** The C libraries, the dynamic loader, account files and the writable directories. */
    private FileEntriesLayer system(Set<Path> libraries) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("system");
        for (Path library : libraries) {
            // Files are copied under the path programs ask for (links resolved), so no symlink can dangle.
            layer.addEntry(library.toRealPath(), AbsoluteUnixPath.get(library.toString()),
                    FilePermissions.fromOctalString("755"), EPOCH, "root:root");
        }
        Path etc = Files.createDirectories(work.resolve("etc"));
        write(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                + "sessionplane:x:" + USER + ":" + USER + ":SessionPlane:/deployments:/sbin/nologin\n");
        write(etc.resolve("group"), "root:x:0:\nsessionplane:x:" + USER + ":\n");
        write(etc.resolve("nsswitch.conf"), "hosts: files dns\n");
        for (String file : List.of("passwd", "group", "nsswitch.conf")) {
            layer.addEntry(etc.resolve(file), AbsoluteUnixPath.get("/etc/" + file),
                    FilePermissions.fromOctalString("644"), EPOCH, "root:root");
        }
        Path empty = Files.createDirectories(work.resolve("empty"));
        // Jib cannot set the sticky bit; one user runs in the container, and Kubernetes mounts an emptyDir here.
        layer.addEntry(empty, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"), EPOCH, "root:root");
        layer.addEntry(empty, AbsoluteUnixPath.get("/deployments"), FilePermissions.fromOctalString("755"), EPOCH, OWNER);
        return layer.build();
    }

    private static FileEntriesLayer application(Path app) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("application");
        layer.addEntry(app.resolve("quarkus-run.jar"), AbsoluteUnixPath.get("/deployments/quarkus-run.jar"),
                FilePermissions.fromOctalString("644"), EPOCH, OWNER);
        add(layer, app.resolve("app"), AbsoluteUnixPath.get("/deployments/app"), OWNER);
        return layer.build();
    }

    private static FileEntriesLayer tree(String name, Path source, AbsoluteUnixPath target, String owner) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        add(layer, source, target, owner);
        return layer.build();
    }

    private static void add(FileEntriesLayer.Builder layer, Path source, AbsoluteUnixPath target, String owner) {
        try (Stream<Path> files = Files.walk(source)) {
            List<Path> sorted = new ArrayList<>(files.toList());
            sorted.sort(null);
            for (Path file : sorted) {
                String relative = source.relativize(file).toString();
                AbsoluteUnixPath destination = relative.isEmpty() ? target : target.resolve(relative);
                boolean executable = Files.isDirectory(file) || Files.isExecutable(file);
                layer.addEntry(file, destination, FilePermissions.fromOctalString(executable ? "755" : "644"), EPOCH,
                        owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}

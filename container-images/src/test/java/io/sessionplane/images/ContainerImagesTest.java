package io.sessionplane.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.localstack.JavaProcess;
import io.sessionplane.localstack.Ports;
import io.sessionplane.localstack.Readiness;
import io.sessionplane.localstack.testing.DatabaseCoordinates;
import io.sessionplane.localstack.testing.TestInfrastructure;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The documented image build produces docker-loadable archives for every application, and an image's own file system
 * runs its service, as its non-root user, against real Kafka and PostgreSQL (chroot: no container engine here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImagesTest {
    static final Path ROOT = Path.of(System.getProperty("sessionplane.root", "..")).toAbsolutePath().normalize();
    static final Path OUTPUT = ROOT.resolve("container-images/target/images");
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    void buildAllImages() throws Exception {
        ImageBuilder builder = new ImageBuilder(ROOT, ROOT.resolve("container-images/target/image-work"));
        for (String application : ImageBuilder.APPLICATIONS) {
            builder.build(application, "sessionplane/" + application + ":test", OUTPUT);
        }
    }

    @Test
    void everyArchiveIsADockerLoadableImageOfANonRootUser() throws Exception {
        for (String application : ImageBuilder.APPLICATIONS) {
            Path archive = OUTPUT.resolve(application + ".tar");
            Path unpacked = Files.createTempDirectory("image-" + application);
            untar(archive, unpacked, false);
            JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
            assertThat(manifest.path("RepoTags").get(0).asText()).isEqualTo("sessionplane/" + application + ":test");
            JsonNode config = JSON.readTree(unpacked.resolve(manifest.path("Config").asText()).toFile());
            assertThat(config.path("os").asText()).isEqualTo("linux");
            assertThat(config.path("architecture").asText()).isEqualTo("amd64");
            assertThat(config.path("config").path("User").asText()).isEqualTo("1001:1001");
            assertThat(config.path("config").path("Entrypoint").get(0).asText()).isEqualTo("/opt/java/bin/java");
            assertThat(config.path("config").path("ExposedPorts").has("8080/tcp")).isTrue();
            assertThat(config.path("config").path("WorkingDir").asText()).isEqualTo("/deployments");
            List<String> layers = new ArrayList<>();
            manifest.path("Layers").forEach(layer -> layers.add(layer.asText()));
            assertThat(layers).hasSize(5);
            assertThat(config.path("rootfs").path("diff_ids")).hasSize(5);
            for (String layer : layers) {
                // Content-addressed: the blob's name is its digest, as docker load verifies.
                assertThat(layer).isEqualTo(sha256(unpacked.resolve(layer)) + ".tar.gz");
            }
            new ProcessBuilder("rm", "-rf", unpacked.toString()).start().waitFor();
        }
    }

    @Test
    void theSessionServiceImageRunsAsItsUserAgainstRealServers() throws Exception {
        boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes())
                .trim());
        Assumptions.assumeTrue(root, "running an image's file system needs chroot, so root");
        Path rootfs = Files.createTempDirectory("session-service-rootfs");
        // The image's "/" (a temp directory is owner-only) must be traversable by the image's user.
        Files.setPosixFilePermissions(rootfs, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unpacked = Files.createTempDirectory("session-service-image");
        untar(OUTPUT.resolve("session-service.tar"), unpacked, false);
        for (JsonNode layer : JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0).path("Layers")) {
            untar(unpacked.resolve(layer.asText()), rootfs, true);
        }
        Files.createDirectories(rootfs.resolve("dev"));
        Files.createDirectories(rootfs.resolve("proc"));
        Path keys = Files.createDirectories(rootfs.resolve("tmp/keys"));
        TestInfrastructure infra = TestInfrastructure.get();
        Files.copy(infra.signingKeys().privateKeyFile(), keys.resolve("private.pem"));
        Files.copy(infra.signingKeys().publicKeyFile(), keys.resolve("public.pem"));
        new ProcessBuilder("chmod", "-R", "a+rX", keys.toString()).start().waitFor();
        DatabaseCoordinates db = infra.database("sessions");
        int port = Ports.free();

        List<String> entrypoint = new ArrayList<>();
        JsonNode config = JSON.readTree(unpacked.resolve(JSON.readTree(unpacked.resolve("manifest.json").toFile())
                .get(0).path("Config").asText()).toFile()).path("config");
        config.path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        // A private mount namespace: /dev and /proc appear inside the image only, and vanish with the process.
        String script = "mount --bind /dev \"$ROOTFS/dev\" && mount -t proc proc \"$ROOTFS/proc\" && "
                + "exec chroot --userspec=1001:1001 \"$ROOTFS\" " + String.join(" ", entrypoint);
        ProcessBuilder service = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--fork",
                "sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(ROOT.resolve("container-images/target/session-service-image.log").toFile());
        service.environment().putAll(Map.of("ROOTFS", rootfs.toString(),
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl(),
                "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", db.user(),
                "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                "SMALLRYE_JWT_SIGN_KEY_LOCATION", "file:/tmp/keys/private.pem",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:/tmp/keys/public.pem",
                "PATH", "/opt/java/bin:/usr/bin:/bin:/usr/sbin:/sbin"));
        Process process = service.start();
        try {
            Readiness.awaitHealthReady("the session-service image", port, Duration.ofMinutes(2), process,
                    ROOT.resolve("container-images/target/session-service-image.log"));
            // The service (unshare's child, exec'd through chroot) runs as the image's user, not as root: its real,
            // effective, saved and filesystem uids are all 1001 (the host has no name for that uid).
            long servicePid = process.children().findFirst().orElseThrow().pid();
            assertThat(Files.readAllLines(Path.of("/proc", Long.toString(servicePid), "status")))
                    .filteredOn(line -> line.startsWith("Uid:")).singleElement()
                    .satisfies(line -> assertThat(line.substring(4).trim().split("\\s+")).containsOnly("1001"));
        } finally {
            JavaProcess.stop("session-service-image", process, Duration.ofSeconds(30), null);
            new ProcessBuilder("rm", "-rf", rootfs.toString(), unpacked.toString()).start().waitFor();
        }
    }

    static void untar(Path archive, Path into, boolean gzip) throws Exception {
        Process tar = new ProcessBuilder("tar", gzip ? "xzf" : "xf", archive.toString(), "-C", into.toString(),
                "--warning=no-unknown-keyword").redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        assertThat(tar.waitFor()).as(output).isZero();
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

package io.sessionplane.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The console's files, read once from the classpath folder {@code web/} at start: {@code web/index.html} is served at
 * {@code /}, {@code web/console/**} at {@code /console/**}. Each carries a strong ETag (SHA-256 of its bytes), so a
 * browser revalidates with one conditional request and a new release is seen at once.
 */
public final class ConsoleAssets {
    static final String ROOT = "web/";

    /** One file: its bytes, media type and entity tag. */
    public record Asset(byte[] body, String contentType, String etag) {
    }

    private final Map<String, Asset> byPath;

    private ConsoleAssets(Map<String, Asset> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    public Optional<Asset> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    public Map<String, Asset> all() {
        return byPath;
    }

    /** Loads every file under web/ on the class path of this class (a directory in dev and tests, the jar in prod). */
    public static ConsoleAssets load() {
        URL index = ConsoleAssets.class.getClassLoader().getResource(ROOT + "index.html");
        if (index == null) {
            throw new IllegalStateException("web/index.html is not on the class path");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            if ("jar".equals(index.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) index.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = new JarFile(connection.getJarFileURL().toURI().getPath())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (!entry.isDirectory() && entry.getName().startsWith(ROOT)) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                files.put(entry.getName().substring(ROOT.length()), in.readAllBytes());
                            }
                        }
                    }
                }
            } else {
                Path root = Path.of(index.toURI()).getParent();
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Asset> byPath = new LinkedHashMap<>();
        files.forEach((name, body) -> {
            String path = name.equals("index.html") ? "/" : "/" + name;
            if (path.equals("/") || path.startsWith("/console/")) {
                byPath.put(path, new Asset(body, contentType(name), etag(body)));
            }
        });
        return new ConsoleAssets(byPath);
    }

    static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "json" -> "application/json";
            case "txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

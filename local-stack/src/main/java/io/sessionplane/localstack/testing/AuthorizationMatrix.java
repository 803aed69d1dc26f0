package io.sessionplane.localstack.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.localstack.keys.SigningKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An authorization matrix generated from a service's own OpenAPI document: every documented operation × every
 * {@link CallerKind}, each cell's expected answer written in a table the test reads ({@code authorization-matrix.csv}
 * on the test class path, one row per operation key {@code "METHOD /path/template"}). The operations of the document
 * and the rows of the table must be the same set, both ways, so that an endpoint added without rows fails the build,
 * and a row's access ({@code public} or {@code jwt}) must be what the document says (a security requirement or none).
 *
 * <p>The table's cells:
 * <ul>
 * <li>{@code 200}: the HTTP status only;</li>
 * <li>{@code 200+}: and the body holds the target's content (every secret of the operation's target);</li>
 * <li>{@code 200-}: and the body holds none of it (a list that filters the target out);</li>
 * <li>{@code 200/403}: a bulk answer, HTTP 200 with this per-item status.</li>
 * </ul>
 * Whatever the cell, a refusal (a status, or item status, of 400 and above) must never hold any of the target's
 * secrets.
 */
public final class AuthorizationMatrix {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Pattern CELL = Pattern.compile("([1-5][0-9]{2})(?:/([1-5][0-9]{2}))?([+-])?");

    /** Who calls; the five token defects carry the strongest claims there are, so only the defect can refuse them. */
    public enum CallerKind {
        /** No Authorization header. */
        NO_TOKEN,
        /** Issued two hours ago for thirty minutes. */
        EXPIRED,
        /** Signed with a key the services do not trust (SigningKeys.foreignPrivateKey()). */
        FOREIGN_KEY,
        /** Signed with the trusted key but naming another issuer. */
        OTHER_ISSUER,
        /** For another audience ({@code aud=some-other-service}). */
        OTHER_AUDIENCE,
        /** A valid token holding no privilege at all. */
        NO_PRIVILEGE,
        /** Every local privilege, on a group that is neither the target's nor above it. */
        OTHER_GROUP,
        /** Every local privilege on the target's own group. */
        OWN_GROUP,
        /** Every local privilege granted on an ancestor of the target's group (expanded to descendants, as issued). */
        ANCESTOR_GROUP,
        /** Federated privileges only, on a local target: they must not reach it. */
        FEDERATED_ON_LOCAL,
        /** Federated privileges, on the operation's target of another pod. */
        FEDERATED;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Refused by authentication (401) on every protected operation. */
        public boolean tokenDefect() {
            return ordinal() <= OTHER_AUDIENCE.ordinal();
        }

        /** The cell targets the operation's object of another pod. */
        public boolean federatedTarget() {
            return this == FEDERATED;
        }
    }

    /** What a cell expects: a status, optionally a per-item status, and whether the target shows in the body. */
    public record Expectation(int status, Integer itemStatus, Visibility visibility) {
        public enum Visibility {
            ANY, SHOWN, HIDDEN
        }

        public static Expectation parse(String cell) {
            Matcher m = CELL.matcher(cell.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a cell (200, 200+, 200-, 200/403): \"" + cell + "\"");
            }
            Visibility visibility = m.group(3) == null ? Visibility.ANY
                    : m.group(3).equals("+") ? Visibility.SHOWN : Visibility.HIDDEN;
            return new Expectation(Integer.parseInt(m.group(1)), m.group(2) == null ? null
                    : Integer.parseInt(m.group(2)), visibility);
        }

        /** The answer actually given, in the table's words (no visibility mark). */
        public String statusText() {
            return status + (itemStatus == null ? "" : "/" + itemStatus);
        }

        @Override
        public String toString() {
            return statusText() + switch (visibility) {
                case ANY -> "";
                case SHOWN -> "+";
                case HIDDEN -> "-";
            };
        }
    }

    /** One operation's row. */
    public record Row(String operation, boolean isPublic, Map<CallerKind, Expectation> cells, int line) {
    }

    /** The table, in file order. */
    public record Table(String source, List<Row> rows) {
        public Set<String> operations() {
            Set<String> keys = new TreeSet<>();
            rows.forEach(row -> keys.add(row.operation()));
            return keys;
        }

        public int cells() {
            return rows.size() * CallerKind.values().length;
        }
    }

    /** A request of one cell; a stream's body is not read (only its status line and headers). */
    public record Probe(String method, String path, String body, Map<String, String> headers, boolean stream) {
        public static Probe get(String path) {
            return new Probe("GET", path, null, Map.of(), false);
        }

        public static Probe delete(String path) {
            return new Probe("DELETE", path, null, Map.of(), false);
        }

        public static Probe post(String path, String jsonBody) {
            return new Probe("POST", path, jsonBody, Map.of("Content-Type", "application/json"), false);
        }

        public static Probe stream(String path) {
            return new Probe("GET", path, null, Map.of("Accept", "text/event-stream"), true);
        }
    }

    /** An answer: status, headers (lower-case names) and body (empty for a stream that was not read). */
    public record Answer(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /**
     * How a test reaches one operation's target: the request of a cell, what it must do first (e.g. make sure a
     * share space is live before a cancel), the per-item status of a bulk answer, and the target's secrets (content a
     * refusal must never show), read after {@link #prepare}.
     */
    public interface Operation {
        Probe probe(boolean federatedTarget);

        default void prepare(boolean federatedTarget) {
        }

        /** The per-item status of a bulk answer; null for ordinary answers. */
        default Integer itemStatus(Answer answer) {
            return null;
        }

        List<String> secrets(boolean federatedTarget);

        /** Further checks of an answer (e.g. a stream's content type); problems as sentences, none when fine. */
        default List<String> check(CallerKind kind, Answer answer) {
            return List.of();
        }
    }

    /** Cells run and the mismatches found, one sentence each. */
    public record Result(int cells, List<String> mismatches) {
    }

    private AuthorizationMatrix() {
    }

    // ---- the table ---------------------------------------------------------------------------------------------

    /**
     * Reads a table from the class path: {@code #} comments, a header {@code operation,access,<one column per
     * CallerKind>} in any order, then one row per operation.
     */
    public static Table readTable(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = Objects.requireNonNull(loader.getResourceAsStream(resource), "no resource " + resource)) {
            return parseTable(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Table parseTable(String source, String text) {
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                List<String> fields = Arrays.stream(trimmed.split(",", -1)).map(String::strip).toList();
                if (header == null) {
                    header = fields;
                    checkHeader(source, header);
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new IllegalArgumentException(source + ":" + number + ": " + fields.size() + " fields, the "
                            + "header has " + header.size());
                }
                String operation = fields.get(header.indexOf("operation"));
                if (!seen.add(operation)) {
                    throw new IllegalArgumentException(source + ":" + number + ": a second row for " + operation);
                }
                String access = fields.get(header.indexOf("access"));
                if (!access.equals("public") && !access.equals("jwt")) {
                    throw new IllegalArgumentException(source + ":" + number + ": access is public or jwt, not "
                            + access);
                }
                Map<CallerKind, Expectation> cells = new EnumMap<>(CallerKind.class);
                for (CallerKind kind : CallerKind.values()) {
                    try {
                        cells.put(kind, Expectation.parse(fields.get(header.indexOf(kind.column()))));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(source + ":" + number + ": " + kind.column() + ": "
                                + e.getMessage(), e);
                    }
                }
                rows.add(new Row(operation, access.equals("public"), cells, number));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null) {
            throw new IllegalArgumentException(source + ": no header");
        }
        return new Table(source, List.copyOf(rows));
    }

    private static void checkHeader(String source, List<String> header) {
        List<String> expected = new ArrayList<>(List.of("operation", "access"));
        Arrays.stream(CallerKind.values()).map(CallerKind::column).forEach(expected::add);
        if (!new TreeSet<>(header).equals(new TreeSet<>(expected)) || header.size() != expected.size()) {
            throw new IllegalArgumentException(source + ": the header must name exactly " + expected + ", not "
                    + header);
        }
    }

    /**
     * Rules every table obeys, so that it cannot be weakened quietly: a protected operation answers 401 to every token
     * defect and to nobody else; a public one never answers 403, nor 401 to a caller without a token or with a valid
     * one (a presented invalid token may be refused with 401 even there, as RFC 6750 allows).
     */
    public static List<String> tableProblems(Table table) {
        List<String> problems = new ArrayList<>();
        for (Row row : table.rows()) {
            row.cells().forEach((kind, expected) -> {
                if (row.isPublic() && (expected.status() == 403 || (expected.status() == 401
                        && (kind == CallerKind.NO_TOKEN || !kind.tokenDefect())))) {
                    problems.add(row.operation() + " is public but " + kind.column() + " expects " + expected);
                }
                if (!row.isPublic() && kind.tokenDefect() && expected.status() != 401) {
                    problems.add(row.operation() + " is protected but " + kind.column() + " expects " + expected
                            + ", not 401");
                }
                if (!row.isPublic() && !kind.tokenDefect() && expected.status() == 401) {
                    problems.add(row.operation() + ": " + kind.column() + " holds a valid token, 401 is wrong");
                }
            });
        }
        return problems;
    }

    // ---- the document ------------------------------------------------------------------------------------------

    /** Fetches the running app's OpenAPI document (JSON) without a token. */
    public static JsonNode openApi(URI base) {
        Answer answer = send(base, Probe.get("/q/openapi?format=json"), null);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET /q/openapi answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    /**
     * Every operation of the document, keyed {@code "METHOD /path/template"}, mapped to whether it declares a
     * security requirement (its own, or the document's when it has none of its own).
     */
    public static Map<String, Boolean> documentedOperations(JsonNode document) {
        Map<String, Boolean> operations = new TreeMap<>();
        JsonNode global = document.path("security");
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!HTTP_METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode security = method.getValue().has("security") ? method.getValue().get("security") : global;
                boolean secured = security != null && security.isArray() && !security.isEmpty()
                        && !(security.size() == 1 && security.get(0).isEmpty());
                operations.put(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), secured);
            }
        }
        return operations;
    }

    /**
     * The document's operations and the table's rows, both ways, and the access of each: an operation without a
     * row, a row without an operation, a public row of a secured operation or a protected row of an open one.
     */
    public static List<String> coverageProblems(Map<String, Boolean> documented, Table table) {
        List<String> problems = new ArrayList<>();
        Map<String, Row> rows = new LinkedHashMap<>();
        table.rows().forEach(row -> rows.put(row.operation(), row));
        documented.forEach((operation, secured) -> {
            Row row = rows.get(operation);
            if (row == null) {
                problems.add(operation + " is in the OpenAPI document but has no row in " + table.source());
            } else if (row.isPublic() == secured) {
                problems.add(operation + " is " + (secured ? "secured (jwt)" : "open (no security requirement)")
                        + " in the OpenAPI document but " + (row.isPublic() ? "public" : "jwt") + " in "
                        + table.source());
            }
        });
        rows.keySet().stream().filter(operation -> !documented.containsKey(operation)).forEach(operation ->
                problems.add(operation + " has a row in " + table.source() + " but is not in the OpenAPI document"));
        return problems;
    }

    /** Rows of the table the test has no way to call, and ways to call operations that have no row. */
    public static List<String> wiringProblems(Table table, Set<String> wired) {
        List<String> problems = new ArrayList<>();
        table.operations().stream().filter(operation -> !wired.contains(operation)).forEach(operation ->
                problems.add(operation + " has a row but the test has no request (target) for it"));
        wired.stream().filter(operation -> !table.operations().contains(operation)).forEach(operation ->
                problems.add(operation + " has a request in the test but no row"));
        return problems;
    }

    // ---- callers -----------------------------------------------------------------------------------------------

    /**
     * The standard callers of a matrix: {@code privileges} held on the target's group, another group or an ancestor
     * (the ancestor grant already expanded to its descendants, as session-service issues it), federated privileges
     * alone, and the five token defects. Each caller has a user name of its own.
     */
    public static final class Callers {
        private final Supplier<TokenMinter> minter;
        private final Supplier<PrivateKey> signingKey;
        private String ownGroup;
        private String otherGroup;
        private List<String> ancestorGroups = List.of();
        private Set<String> privileges = Set.of();
        private Set<String> federatedPrivileges = Set.of();
        private Map<String, Set<String>> federatedCallerGrants = Map.of();
        private final Map<CallerKind, String> overrides = new EnumMap<>(CallerKind.class);

        private Callers(Supplier<TokenMinter> minter, Supplier<PrivateKey> signingKey) {
            this.minter = minter;
            this.signingKey = signingKey;
        }

        /** Callers whose tokens the test infrastructure's minter signs. */
        public static Callers of(TestInfrastructure infra) {
            return new Callers(infra::tokens, () -> infra.signingKeys().privateKey());
        }

        public Callers ownGroup(String group) {
            ownGroup = group;
            return this;
        }

        public Callers otherGroup(String group) {
            otherGroup = group;
            return this;
        }

        /** The ancestor first, then every group below it that the issuer expands the grant to. */
        public Callers ancestorExpanded(String... groups) {
            ancestorGroups = List.of(groups);
            return this;
        }

        public Callers privileges(Set<String> value) {
            privileges = Set.copyOf(value);
            return this;
        }

        public Callers federatedPrivileges(Set<String> value) {
            federatedPrivileges = Set.copyOf(value);
            return this;
        }

        /**
         * Local grants the federated caller holds besides its federated privileges (none by default), for services
         * whose rule for other pods' objects also asks for one (audit: the audit privilege on the root group).
         */
        public Callers federatedCallerGrants(Map<String, Set<String>> grants) {
            federatedCallerGrants = Map.copyOf(grants);
            return this;
        }

        /** A token of the test's own making for one kind (e.g. from a real login). */
        public Callers override(CallerKind kind, String token) {
            overrides.put(kind, token);
            return this;
        }

        private TokenMinter as(CallerKind kind) {
            return minter.get().user("LOCAL", "matrix-" + kind.column().replace('_', '-'));
        }

        private Map<String, Set<String>> ancestorGrant() {
            Map<String, Set<String>> grant = new LinkedHashMap<>();
            ancestorGroups.forEach(group -> grant.put(group, privileges));
            return grant;
        }

        /** The strongest claims there are: the ancestor grant and the federated privileges. */
        private TokenMinter strongest(TokenMinter base) {
            return base.accessGroupPrivileges(ancestorGrant()).federatedPrivileges(federatedPrivileges);
        }

        /** Token per kind; null for {@link CallerKind#NO_TOKEN}. */
        public Map<CallerKind, String> mint() {
            Objects.requireNonNull(ownGroup, "ownGroup");
            Objects.requireNonNull(otherGroup, "otherGroup");
            if (ancestorGroups.size() < 2 || !ancestorGroups.contains(ownGroup) || ancestorGroups.get(0).equals(ownGroup)
                    || ancestorGroups.get(0).equals(otherGroup)) {
                throw new IllegalArgumentException("the ancestor grant must start above the own group (not on the "
                        + "other group) and be expanded to it: " + ancestorGroups);
            }
            Map<CallerKind, String> tokens = new EnumMap<>(CallerKind.class);
            tokens.put(CallerKind.NO_TOKEN, null);
            tokens.put(CallerKind.EXPIRED, strongest(as(CallerKind.EXPIRED))
                    .issued(Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(30)).mint());
            tokens.put(CallerKind.FOREIGN_KEY, strongest(TokenMinter.signedWith(SigningKeys.foreignPrivateKey())
                    .user("LOCAL", "matrix-foreign-key")).mint());
            tokens.put(CallerKind.OTHER_ISSUER, reissued(strongest(as(CallerKind.OTHER_ISSUER)).mint(),
                    Map.of("iss", "https://attacker.example/issuer"),
                    signingKey.get()));
            tokens.put(CallerKind.OTHER_AUDIENCE, strongest(as(CallerKind.OTHER_AUDIENCE))
                    .audience("some-other-service").mint());
            tokens.put(CallerKind.NO_PRIVILEGE, as(CallerKind.NO_PRIVILEGE).mint());
            tokens.put(CallerKind.OTHER_GROUP, as(CallerKind.OTHER_GROUP)
                    .accessGroupPrivileges(Map.of(otherGroup, privileges)).mint());
            tokens.put(CallerKind.OWN_GROUP, as(CallerKind.OWN_GROUP)
                    .accessGroupPrivileges(Map.of(ownGroup, privileges)).mint());
            tokens.put(CallerKind.ANCESTOR_GROUP, as(CallerKind.ANCESTOR_GROUP)
                    .accessGroupPrivileges(ancestorGrant()).mint());
            tokens.put(CallerKind.FEDERATED_ON_LOCAL, as(CallerKind.FEDERATED_ON_LOCAL)
                    .federatedPrivileges(federatedPrivileges).mint());
            tokens.put(CallerKind.FEDERATED, as(CallerKind.FEDERATED).accessGroupPrivileges(federatedCallerGrants)
                    .federatedPrivileges(federatedPrivileges).mint());
            tokens.putAll(overrides);
            return tokens;
        }
    }

    /** The token with some claims replaced, signed again with {@code key}. */
    public static String reissued(String jwt, Map<String, Object> claims, PrivateKey key) {
        String[] parts = jwt.split("\\.");
        try {
            Map<String, Object> payload = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
            payload.putAll(claims);
            String signingInput = parts[0] + "." + base64(JSON.writeValueAsBytes(payload));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(signature.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---- running -----------------------------------------------------------------------------------------------

    /** Sends one request; a 200 stream is cut off after its headers. */
    public static Answer send(URI base, Probe probe, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(probe.path()))
                .timeout(Duration.ofSeconds(probe.stream() ? 10 : 30))
                .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(probe.body()));
        probe.headers().forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            String body;
            try (InputStream in = response.body()) {
                body = probe.stream() && response.statusCode() == 200 ? ""
                        : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(probe.method() + " " + probe.path() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every cell of every row: prepare, call, compare; the mismatches say operation, caller, expected and got. */
    public static Result run(URI base, Table table, Map<String, Operation> operations, Map<CallerKind, String> tokens) {
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (Row row : table.rows()) {
            Operation operation = operations.get(row.operation());
            if (operation == null) {
                mismatches.add(row.operation() + ": no request wired");
                continue;
            }
            for (CallerKind kind : CallerKind.values()) {
                cells++;
                boolean federated = kind.federatedTarget();
                operation.prepare(federated);
                Answer answer = send(base, operation.probe(federated), tokens.get(kind));
                Integer item = answer.status() == 200 ? operation.itemStatus(answer) : null;
                mismatches.addAll(judge(row.operation(), kind, row.cells().get(kind), answer, item,
                        operation.secrets(federated)));
                if (answer.status() < 300) {
                    operation.check(kind, answer).forEach(problem -> mismatches.add(row.operation() + " as "
                            + kind.column() + ": " + problem));
                }
            }
        }
        return new Result(cells, mismatches);
    }

    /** One cell's verdict: the status (and item status), then what the body may and must show. */
    public static List<String> judge(String operation, CallerKind kind, Expectation expected, Answer answer,
            Integer itemStatus, List<String> secrets) {
        List<String> problems = new ArrayList<>();
        String where = operation + " as " + kind.column();
        String got = answer.status() + (itemStatus == null ? "" : "/" + itemStatus);
        if (!got.equals(expected.statusText())) {
            problems.add(where + ": expected " + expected + ", got " + got + " " + abbreviate(answer.body()));
        }
        boolean refusal = answer.status() >= 400 || (itemStatus != null && itemStatus >= 400);
        List<String> leaked = secrets.stream().filter(secret -> answer.body().contains(secret)).toList();
        if ((refusal || expected.visibility() == Expectation.Visibility.HIDDEN) && !leaked.isEmpty()) {
            problems.add(where + ": the " + (refusal ? "refusal" : "answer") + " shows the target's " + leaked + ": "
                    + abbreviate(answer.body()));
        }
        if (expected.visibility() == Expectation.Visibility.SHOWN && !refusal && leaked.size() != secrets.size()) {
            problems.add(where + ": expected the target's content " + secrets + " in " + abbreviate(answer.body()));
        }
        return problems;
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}

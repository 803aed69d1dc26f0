package io.sessionplane.session.contract;

import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.kafka.TopicSchemas;
import io.sessionplane.kit.error.ApiException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The published event contract, served as the contracts module ships it (the same bytes a build checks): the
 * AsyncAPI 3.0 document of every topic and the JSON Schema of every payload. Public: a contract is not a secret.
 */
@Path("/")
@PermitAll
@Tag(name = "Event contract")
public class ContractDocumentsResource {
    private static final Pattern SCHEMA_FILE = Pattern.compile("[a-z0-9-]+\\.v[0-9]+\\.json");
    private static final Set<String> SCHEMAS = Set.copyOf(TopicSchemas.byTopic().values());

    @GET
    @Path("asyncapi.yaml")
    @Operation(summary = "The AsyncAPI 3.0 document", description = "Every Kafka topic (public and internal), its "
            + "key, headers, messages and bindings.")
    @APIResponse(responseCode = "200", description = "application/yaml")
    public Response asyncApi() {
        return document("asyncapi.yaml", "application/yaml");
    }

    @GET
    @Path("schemas/{file}")
    @Operation(summary = "A payload's JSON Schema (2020-12)", description = "e.g. session-event.v1.json; the $id of "
            + "each schema is https://sessionplane.io/schemas/<file>.")
    @APIResponse(responseCode = "200", description = "application/schema+json")
    @APIResponse(responseCode = "404", description = "No such schema")
    public Response schema(@PathParam("file") String file) {
        if (!SCHEMA_FILE.matcher(file).matches() || !SCHEMAS.contains(file)) {
            throw ApiException.notFound(ErrorKeys.NOT_FOUND, "no schema " + file);
        }
        return document(TopicSchemas.RESOURCE_DIR + file, "application/schema+json");
    }

    private static Response document(String resource, String type) {
        try (InputStream in = TopicSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw ApiException.notFound(ErrorKeys.NOT_FOUND, "no document " + resource);
            }
            // Revalidated on every use: a new release's contract is seen at once.
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "no-cache")
                    .header("X-Content-Type-Options", "nosniff").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

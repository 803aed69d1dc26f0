package io.sessionplane.session.command;

import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.id.DerivedIds;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The {@code Idempotency-Key} protocol of the action endpoints: the first request with a key claims it and its 200
 * answer is replayed for 24 hours; the same key with another request is 422, while the first one runs 409. Command
 * ids are derived from caller, key, request and session, so even a retry after a crash between the broker's ack and
 * the stored answer cannot make an agent act twice (agents dedupe by command id).
 */
@ApplicationScoped
public class IdempotencyProtocol {
    private static final Logger LOG = Logger.getLogger(IdempotencyProtocol.class);
    static final int MAX_KEY_LENGTH = 255;

    /** The body of a 200 answer, and whether some item could not be made durable (such answers are not replayed). */
    public record Answer(Object body, boolean incomplete) {
    }

    @Inject
    IdempotencyStore store;

    /**
     * Runs {@code work} at most once per (caller, key, request); without a key, every call runs with random ids.
     *
     * @param fingerprint what makes two requests the same request
     * @param work        given the command id to use for each session id
     */
    public Uni<Response> run(Caller caller, String key, String fingerprint,
            Function<Function<String, String>, Uni<Answer>> work) {
        if (key == null) {
            return work.apply(sessionId -> UUID.randomUUID().toString())
                    .map(answer -> Response.ok(answer.body()).build());
        }
        requireValidKey(key);
        String hash = DerivedIds.sha256Hex(fingerprint);
        Function<String, String> commandIds = sessionId -> DerivedIds.uuid(caller.name(), key, hash, sessionId);
        return store.claim(caller.name(), key, hash).chain(claim -> {
            if (claim instanceof IdempotencyStore.Claim.Replay replay) {
                return Uni.createFrom().item(Response.status(replay.status()).entity(replay.body())
                        .type(MediaType.APPLICATION_JSON_TYPE).header("Idempotent-Replayed", "true").build());
            }
            if (claim instanceof IdempotencyStore.Claim.Mismatch) {
                return Uni.createFrom().failure(new ApiException(422, ErrorKeys.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key " + key + " was already used with a different request"));
            }
            if (claim instanceof IdempotencyStore.Claim.InProgress) {
                return Uni.createFrom().failure(new ApiException(409, ErrorKeys.IDEMPOTENCY_IN_PROGRESS,
                        "a request with Idempotency-Key " + key + " is still being processed"));
            }
            return work.apply(commandIds)
                    .onFailure().call(() -> store.release(caller.name(), key))
                    // The request deadline cancels a request whose sends stall: its retry must not find the key
                    // held (a command sent late anyway carries the same derived id, and agents dedupe by it).
                    .onCancellation().call(() -> store.release(caller.name(), key)
                            .onFailure().recoverWithNull())
                    .chain(answer -> remember(caller, key, answer).replaceWith(Response.ok(answer.body()).build()));
        });
    }

    private Uni<Void> remember(Caller caller, String key, Answer answer) {
        Uni<Void> stored = answer.incomplete() ? store.release(caller.name(), key)
                : store.complete(caller.name(), key, 200, JsonCodec.write(answer.body()));
        // The commands are on Kafka: a failed write of the record must not turn the answer into an error.
        return stored.onFailure().invoke(e -> LOG.warnf("idempotency record for %s not stored: %s", key, e))
                .onFailure().recoverWithNull();
    }

    public static void requireValidKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters");
        }
    }
}

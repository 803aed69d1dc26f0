package io.sessionplane.simulator.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.simulator.fleet.AgentReportProducer;
import io.sessionplane.simulator.fleet.Fleet;
import io.sessionplane.simulator.fleet.SimSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Predicate;

/**
 * A window into the simulated fleet, for demos and tests (e.g. "a connected desktop whose user refuses
 * invitations"), and what its users do on demand (reconnect). Not part of the control plane's API and not routed by
 * the gateway.
 */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorResource {

    @Inject
    Fleet fleet;

    @Inject
    AgentReportProducer publisher;

    /** A simulated session, with what the agent knows beyond SessionInfo. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SimulatedSession(SessionSnapshot snapshot, String invitationAnswer, boolean assistAgentInstalled) {
    }

    @GET
    @Path("/sessions")
    public List<SimulatedSession> sessions(@QueryParam("state") SessionState state,
            @QueryParam("invitation_answer") String answer, @QueryParam("desktops_only") boolean desktopsOnly,
            @QueryParam("local_only") boolean localOnly, @QueryParam("limit") @DefaultValue("100") int limit) {
        Predicate<SimSession> filter = session -> (state == null || session.state() == state)
                && (answer == null || answer.equals(session.invitationAnswer()))
                && (!desktopsOnly || session.machineId() != null)
                && (!localOnly || !session.federated(fleet.localPod()));
        long now = System.currentTimeMillis();
        return fleet.sessions(filter).stream().limit(Math.max(0, Math.min(limit, 10_000)))
                .map(session -> view(session, now)).toList();
    }

    @GET
    @Path("/sessions/{id}")
    public SimulatedSession session(@PathParam("id") String id) {
        return fleet.session(id).map(session -> view(session, System.currentTimeMillis()))
                .orElseThrow(() -> new NotFoundException("no simulated session " + id));
    }

    /** The session's user reconnects (the agent reports it at once); 404 unknown, 409 already connected. */
    @POST
    @Path("/sessions/{id}/user-reconnects")
    public Uni<SimulatedSession> userReconnects(@PathParam("id") String id) {
        long now = System.currentTimeMillis();
        if (fleet.session(id).isEmpty()) {
            throw new NotFoundException("no simulated session " + id);
        }
        SessionSnapshot snapshot = fleet.userReconnects(id, now)
                .orElseThrow(() -> new ClientErrorException("session " + id + " is already connected", 409));
        return publisher.snapshot(snapshot).replaceWith(() -> session(id));
    }

    private SimulatedSession view(SimSession session, long now) {
        return new SimulatedSession(session.snapshot(fleet.localPod(), now), session.invitationAnswer(),
                session.assistFacts() != null && session.assistFacts().agentInstalled());
    }
}

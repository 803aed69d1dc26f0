package io.sessionplane.simulator.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.simulator.fleet.Fleet;
import io.sessionplane.simulator.fleet.SimSession;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Predicate;

/**
 * A read-only window into the simulated fleet, for demos and tests (e.g. "a connected desktop whose user refuses
 * invitations"). Not part of the control plane's API and not routed by the gateway.
 */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorResource {

    @Inject
    Fleet fleet;

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

    private SimulatedSession view(SimSession session, long now) {
        return new SimulatedSession(session.snapshot(fleet.localPod(), now), session.invitationAnswer(),
                session.assistFacts() != null && session.assistFacts().agentInstalled());
    }
}

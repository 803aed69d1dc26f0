package io.sessionplane.assist.sharespace;

import io.quarkus.security.Authenticated;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HuaweiError;
import io.sessionplane.contracts.error.HuaweiErrorCodes;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.auth.CurrentCaller;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.http.RequestDeadline;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Remote-assistance share spaces in the shape of Huawei Workspace's API; {@code desktop_id} is the session's
 * machine id. Errors use the Huawei body with WKS codes.
 */
@Path("/v2/{project_id}/desktops/{desktop_id}/remote-assistance")
@Authenticated
@Tag(name = "Remote assistance")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RequestDeadline
public class ShareSpaceResource {
    @Inject
    ShareSpaceService service;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Operation(summary = "Create a share space", description = "Invites the desktop's user to remote assistance. "
            + "Needs REMOTE_ASSISTANCE on the desktop's access group and a token for the project.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CreatedShareSpace.class)))
    @APIResponse(responseCode = "404", description = "WKS.1001: no such desktop or no user session on it",
            content = @Content(schema = @Schema(implementation = HuaweiError.class)))
    @APIResponse(responseCode = "409", description = "WKS.1002: the desktop already has a live share space",
            content = @Content(schema = @Schema(implementation = HuaweiError.class)))
    @APIResponse(responseCode = "503", description = "WKS.0503: the invitation could not be sent",
            content = @Content(schema = @Schema(implementation = HuaweiError.class)))
    public Uni<CreatedShareSpace> create(@PathParam("project_id") String projectId,
            @PathParam("desktop_id") String desktopId) {
        Caller caller = inProject(projectId);
        return service.create(caller, projectId, desktopId)
                .map(space -> new CreatedShareSpace(space.id(), space.status(), space.desktopId(),
                        space.initiatorType()));
    }

    @GET
    @Operation(summary = "Query remote assistance data by desktop ID", description = "The desktop's most recent share "
            + "space, live or closed. Needs a token for the project and, on the access group the space was created "
            + "in, MACHINE_VIEW, POOL_VIEW or REMOTE_ASSISTANCE (FEDERATED_SESSIONS_VIEW or FEDERATED_SESSIONS_MANAGE "
            + "for another pod's desktop). invitation_code, share_space_passwd, private_share_link and "
            + "internet_share_link are given only to operators who may assist there (REMOTE_ASSISTANCE, or "
            + "FEDERATED_SESSIONS_MANAGE); for other readers they are null.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShareSpaceInfo.class)))
    @APIResponse(responseCode = "403", description = "WKS.1004: token not valid for the project; WKS.0403: no view "
            + "privilege on the space's access group (the body holds nothing of the space)",
            content = @Content(schema = @Schema(implementation = HuaweiError.class)))
    @APIResponse(responseCode = "404", description = "WKS.1003: the desktop has no share space",
            content = @Content(schema = @Schema(implementation = HuaweiError.class)))
    public Uni<ShareSpaceInfo> get(@PathParam("project_id") String projectId, @PathParam("desktop_id") String desktopId) {
        return service.current(inProject(projectId), projectId, desktopId);
    }

    @DELETE
    @Operation(summary = "Cancel remote assistance", description = "Closes the live share space and withdraws the "
            + "invitation from the user. Needs REMOTE_ASSISTANCE on the access group the space was created in "
            + "(FEDERATED_SESSIONS_MANAGE for another pod's desktop).")
    @APIResponse(responseCode = "204", description = "Cancelled")
    @APIResponse(responseCode = "403", description = "WKS.1004: token not valid for the project; WKS.0403: no assist "
            + "privilege on the space's access group",
            content = @Content(schema = @Schema(implementation = HuaweiError.class)))
    @APIResponse(responseCode = "404", description = "WKS.1003: no live share space",
            content = @Content(schema = @Schema(implementation = HuaweiError.class)))
    public Uni<Response> cancel(@PathParam("project_id") String projectId, @PathParam("desktop_id") String desktopId) {
        Caller caller = inProject(projectId);
        return service.cancel(caller, projectId, desktopId).replaceWith(Response.noContent().build());
    }

    private Caller inProject(String projectId) {
        Caller caller = currentCaller.get();
        if (!caller.projects().contains(projectId)) {
            throw new ApiException(403, ErrorKeys.FORBIDDEN, HuaweiErrorCodes.PROJECT_FORBIDDEN,
                    "the token is not valid for project " + projectId);
        }
        return caller;
    }
}

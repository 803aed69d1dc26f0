package io.sessionplane.session.auth;

import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * The access-group tree ({@code sessionplane.access-groups."<id>".name/parent}); ids are the ones agents put in
 * {@code access_group_id}.
 */
public interface AccessGroupConfig {

    @WithParentName
    Map<String, AccessGroup> groups();

    interface AccessGroup {
        String name();

        /** Absent for the root group. */
        Optional<String> parent();
    }
}

package io.sessionplane.session.inventory;

import io.sessionplane.contracts.session.SessionProtocol;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.contracts.session.SessionType;
import io.sessionplane.filter.FieldCatalogue;
import io.sessionplane.filter.FieldSpec;

/**
 * The SessionInfo fields clients may filter and sort on, mapped to columns of the {@code session} table.
 * Sortable fields are those the Horizon reference marks "can be used for sorting".
 */
public final class SessionFields {
    public static final FieldCatalogue CATALOGUE = FieldCatalogue.of(
            FieldSpec.string("id", "id", false),
            FieldSpec.string("guid", "guid", false),
            FieldSpec.string("access_group_id", "access_group_id", false),
            FieldSpec.string("agent_version", "agent_version", true),
            FieldSpec.stringArray("application_names", "application_names"),
            FieldSpec.string("broker_user_id", "broker_user_id", false),
            FieldSpec.bool("brokered_remotely", "brokered_remotely", true),
            FieldSpec.string("desktop_pool_id", "desktop_pool_id", false),
            FieldSpec.number("disconnected_time", "disconnected_time", true),
            FieldSpec.string("farm_id", "farm_id", false),
            FieldSpec.number("idle_duration", "idle_duration", true),
            FieldSpec.number("last_session_duration_ms", "last_session_duration_ms", true),
            FieldSpec.string("machine_id", "machine_id", false),
            FieldSpec.string("rds_server_id", "rds_server_id", false),
            FieldSpec.bool("resourced_remotely", "resourced_remotely", true),
            FieldSpec.enumeration("session_protocol", "session_protocol", true, SessionProtocol.class),
            FieldSpec.enumeration("session_state", "session_state", true, SessionState.class),
            FieldSpec.enumeration("session_type", "session_type", true, SessionType.class),
            FieldSpec.number("start_time", "start_time", true),
            FieldSpec.bool("unauthenticated", "unauthenticated", true),
            FieldSpec.string("user_id", "user_id", false),
            // Beyond Horizon's list, for helpdesk searches by what users tell them: the client and the names the
            // agent reports (SessionInfo carries ids only; the names are those of the local summary).
            FieldSpec.string("client_data.name", "client_name", false),
            FieldSpec.string("client_data.address", "client_address", false),
            FieldSpec.string("user_name", "user_name", true),
            FieldSpec.string("machine_name", "machine_name", true),
            FieldSpec.string("machine_dns_name", "machine_dns_name", false),
            FieldSpec.string("desktop_pool_name", "desktop_pool_name", true),
            FieldSpec.string("farm_name", "farm_name", false));

    private SessionFields() {
    }
}

package io.sessionplane.assist.sharespace;

import io.sessionplane.assist.sql.SqlParams;
import io.sessionplane.assist.sql.Statements;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.kit.sql.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * share_space rows, mapped by column name. Writes take the connection of the caller's transaction, so a transition
 * reads under {@code FOR UPDATE} and writes in the same transaction that waits for its events.
 */
@ApplicationScoped
public class ShareSpaceStore {
    /** At most one live space per desktop (partial unique index). */
    static final String ONE_LIVE_PER_DESKTOP = "share_space_one_live_per_desktop";
    /** Live invitation codes are unique (partial unique index). */
    static final String LIVE_INVITATION_CODE = "share_space_live_invitation_code";

    private static final String COLUMNS = "share_space_id, project_id, desktop_id, session_id, access_group_id,"
            + " federated, status, invitation_code, share_space_name, passwd_encrypted, private_share_link,"
            + " internet_share_link, initiator_type, requested_by, failed_reason, create_time, status_changed_at";
    private static final NamedSql INSERT = NamedSql.of("INSERT INTO share_space (" + COLUMNS + ") VALUES ("
            + "#{share_space_id}, #{project_id}, #{desktop_id}, #{session_id}, #{access_group_id}, #{federated},"
            + " #{status}, #{invitation_code}, #{share_space_name}, #{passwd_encrypted}, #{private_share_link},"
            + " #{internet_share_link}, #{initiator_type}, #{requested_by}, #{failed_reason}, #{create_time},"
            + " #{status_changed_at})");
    private static final NamedSql UPDATE_STATE = NamedSql.of("UPDATE share_space SET status = #{status},"
            + " status_changed_at = #{status_changed_at}, failed_reason = #{failed_reason}"
            + " WHERE share_space_id = #{share_space_id}");
    private static final NamedSql LOCK = NamedSql.of("SELECT " + COLUMNS
            + " FROM share_space WHERE share_space_id = #{share_space_id} FOR UPDATE");
    private static final NamedSql LATEST = NamedSql.of("SELECT " + COLUMNS + " FROM share_space"
            + " WHERE project_id = #{project_id} AND desktop_id = #{desktop_id} ORDER BY create_time DESC LIMIT 1");
    private static final NamedSql LIVE = NamedSql.of("SELECT " + COLUMNS + " FROM share_space"
            + " WHERE project_id = #{project_id} AND desktop_id = #{desktop_id} AND status <> 'CLOSE'");
    private static final NamedSql EXPIRED = NamedSql.of("SELECT " + COLUMNS + " FROM share_space WHERE"
            + " (status = 'WAIT_USER_CONFIRM' AND status_changed_at < #{confirm_before})"
            + " OR (status = 'WAIT_USER_ACCESS' AND status_changed_at < #{access_before})"
            + " OR (status = 'OPEN' AND status_changed_at < #{open_before})");
    private static final String ORPHANED = "SELECT share_space_id FROM share_space s WHERE status <> 'CLOSE'"
            + " AND NOT EXISTS (SELECT 1 FROM session_view v WHERE v.session_id = s.session_id AND NOT v.ended)";

    @Inject
    Pool pool;

    /** Inserts a new space on the transaction's connection; unique violations name the index they broke. */
    public Uni<Void> insert(SqlClient transaction, ShareSpace space) {
        return Statements.execute(transaction, INSERT, SqlParams.of("share_space_id", space.id())
                .and("project_id", space.projectId())
                .and("desktop_id", space.desktopId()).and("session_id", space.sessionId())
                .and("access_group_id", space.accessGroupId()).and("federated", space.federated())
                .and("status", space.status().name()).and("invitation_code", space.invitationCode())
                .and("share_space_name", space.name()).and("passwd_encrypted", space.encryptedPassword())
                .and("private_share_link", space.privateShareLink())
                .and("internet_share_link", space.internetShareLink())
                .and("initiator_type", space.initiatorType()).and("requested_by", space.requestedBy())
                .and("failed_reason", space.failedReason()).and("create_time", utc(space.createTime()))
                .and("status_changed_at", utc(space.statusChangedAt()))).replaceWithVoid();
    }

    /** Reads the space and holds its row lock until the transaction ends. */
    public Uni<Optional<ShareSpace>> lock(SqlClient transaction, String shareSpaceId) {
        return Statements.execute(transaction, LOCK, SqlParams.of("share_space_id", shareSpaceId))
                .map(ShareSpaceStore::first);
    }

    /** Writes the state of a space read with {@link #lock}. */
    public Uni<Void> updateState(SqlClient transaction, ShareSpace space) {
        return Statements.execute(transaction, UPDATE_STATE, SqlParams.of("share_space_id", space.id())
                .and("status", space.status().name()).and("status_changed_at", utc(space.statusChangedAt()))
                .and("failed_reason", space.failedReason())).replaceWithVoid();
    }

    /** The desktop's most recent space in the project, live or closed. */
    public Uni<Optional<ShareSpace>> latest(String projectId, String desktopId) {
        return Statements.execute(pool, LATEST, SqlParams.of("project_id", projectId).and("desktop_id", desktopId))
                .map(ShareSpaceStore::first);
    }

    /** The desktop's live space in the project (there is at most one). */
    public Uni<Optional<ShareSpace>> live(String projectId, String desktopId) {
        return Statements.execute(pool, LIVE, SqlParams.of("project_id", projectId).and("desktop_id", desktopId))
                .map(ShareSpaceStore::first);
    }

    /** Live spaces that entered their state before that state's cutoff. */
    public Uni<List<ShareSpace>> expired(Instant confirmBefore, Instant accessBefore, Instant openBefore) {
        return Statements.execute(pool, EXPIRED, SqlParams.of("confirm_before", utc(confirmBefore))
                .and("access_before", utc(accessBefore)).and("open_before", utc(openBefore)))
                .map(rows -> all(rows, ShareSpaceStore::toSpace));
    }

    /** Ids of live spaces whose user session has ended (or was never known here). */
    public Uni<List<String>> orphaned() {
        return pool.preparedQuery(ORPHANED).execute().map(rows -> all(rows, row -> row.getString("share_space_id")));
    }

    private static Optional<ShareSpace> first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? Optional.empty() : Optional.of(toSpace(rows.iterator().next()));
    }

    private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
        List<T> items = new ArrayList<>(rows.rowCount());
        rows.forEach(row -> items.add(map.apply(row)));
        return items;
    }

    private static ShareSpace toSpace(Row row) {
        return new ShareSpace(row.getString("share_space_id"), row.getString("project_id"),
                row.getString("desktop_id"), row.getString("session_id"), row.getString("access_group_id"),
                row.getBoolean("federated"), ShareSpaceStatus.valueOf(row.getString("status")),
                row.getString("invitation_code"), row.getString("share_space_name"),
                row.getString("passwd_encrypted"), row.getString("private_share_link"),
                row.getString("internet_share_link"), row.getString("initiator_type"), row.getString("requested_by"),
                row.getString("failed_reason"), row.getOffsetDateTime("create_time").toInstant(),
                row.getOffsetDateTime("status_changed_at").toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package io.sessionplane.assist.sql;

import io.sessionplane.kit.sql.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;

/** Runs a {@link NamedSql} statement on a client: the pool, or the connection of a transaction. */
public final class Statements {

    private Statements() {
    }

    public static Uni<RowSet<Row>> execute(SqlClient client, NamedSql statement, Map<String, ?> values) {
        return client.preparedQuery(statement.sql()).execute(statement.bind(values));
    }

    /** Once per parameter set, as one batch. */
    public static Uni<RowSet<Row>> executeBatch(SqlClient client, NamedSql statement,
            List<? extends Map<String, ?>> batch) {
        return client.preparedQuery(statement.sql()).executeBatch(batch.stream().map(statement::bind).toList());
    }
}

package io.sessionplane.kit.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;

/** One statement and the parameter sets it runs with; several run in order in one transaction. */
public record SqlBatch(String statement, List<Tuple> tuples) {

    /** Runs the batches in order (those without tuples are skipped), all in one transaction. */
    public static Uni<Void> inOneTransaction(Pool pool, SqlBatch... batches) {
        List<SqlBatch> work = Arrays.stream(batches).filter(batch -> !batch.tuples().isEmpty()).toList();
        if (work.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> {
            Uni<?> done = Uni.createFrom().voidItem();
            for (SqlBatch batch : work) {
                done = done.chain(() -> connection.preparedQuery(batch.statement()).executeBatch(batch.tuples()));
            }
            return done;
        }).replaceWithVoid();
    }
}

package io.sessionplane.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterCompilationTest {
    enum State { CONNECTED, DISCONNECTED }

    static final FieldCatalogue CATALOGUE = FieldCatalogue.of(
            FieldSpec.string("user_id", "user_id", false),
            FieldSpec.string("agent_version", "agent_version", true),
            FieldSpec.enumeration("session_state", "session_state", true, State.class),
            FieldSpec.number("start_time", "start_time", true),
            FieldSpec.bool("unauthenticated", "unauthenticated", true),
            FieldSpec.stringArray("application_names", "application_names"),
            FieldSpec.string("id", "id", false));

    private static SqlFragment compile(String json) {
        return SqlFilterCompiler.compile(FilterParser.parse(json, CATALOGUE), 1);
    }

    @Test
    void noFilterMeansEverything() {
        assertThat(compile(null)).isEqualTo(SqlFragment.TRUE);
        assertThat(compile("  ")).isEqualTo(SqlFragment.TRUE);
    }

    @Test
    void equalsBindsTheValue() {
        SqlFragment sql = compile("{\"type\":\"Equals\",\"name\":\"user_id\",\"value\":\"S-1'; DROP TABLE x;--\"}");
        assertThat(sql.sql()).isEqualTo("(user_id = $1)");
        assertThat(sql.params()).containsExactly("S-1'; DROP TABLE x;--");
    }

    @Test
    void nestedAndOrNotCompileWithParametersInOrder() {
        SqlFragment sql = compile("""
                {"type":"And","filters":[
                  {"type":"Or","filters":[
                     {"type":"Equals","name":"session_state","value":"CONNECTED"},
                     {"type":"StartsWith","name":"agent_version","value":"7.1"}]},
                  {"type":"Not","filter":{"type":"Equals","name":"unauthenticated","value":true}},
                  {"type":"Between","name":"start_time","from_value":10,"to_value":20}]}
                """);
        assertThat(sql.sql()).isEqualTo("(((session_state = $1) OR (agent_version ILIKE $2)) AND "
                + "NOT COALESCE(((unauthenticated = $3)), FALSE) AND (start_time BETWEEN $4 AND $5))");
        assertThat(sql.params()).containsExactly("CONNECTED", "7.1%", true, 10L, 20L);
    }

    @Test
    void placeholdersStartWhereTheCallerSays() {
        SqlFragment sql = SqlFilterCompiler.compile(FilterParser.parse(
                "{\"type\":\"NotEquals\",\"name\":\"session_state\",\"value\":\"CONNECTED\"}", CATALOGUE), 3);
        assertThat(sql.sql()).isEqualTo("(session_state IS DISTINCT FROM $3)");
    }

    @Test
    void likeWildcardsInValuesAreEscaped() {
        SqlFragment sql = compile("{\"type\":\"Contains\",\"name\":\"user_id\",\"value\":\"50%_off\\\\\"}");
        assertThat(sql.sql()).isEqualTo("(user_id ILIKE $1)");
        assertThat(sql.params()).containsExactly("%50\\%\\_off\\\\%");
        assertThat(compile("{\"type\":\"EndsWith\",\"name\":\"user_id\",\"value\":\"-500\"}").params())
                .containsExactly("%-500");
    }

    @Test
    void containsOnAnArrayMatchesAnElement() {
        SqlFragment sql = compile("{\"type\":\"Contains\",\"name\":\"application_names\",\"value\":\"Calculator\"}");
        assertThat(sql.sql()).isEqualTo("($1 = ANY(application_names))");
    }

    @Test
    void nullValuesMeanUnset() {
        assertThat(compile("{\"type\":\"Equals\",\"name\":\"agent_version\",\"value\":null}").sql())
                .isEqualTo("(agent_version IS NULL)");
        assertThat(compile("{\"type\":\"NotEquals\",\"name\":\"agent_version\",\"value\":null}").sql())
                .isEqualTo("(agent_version IS NOT NULL)");
    }

    @Test
    void camelCaseBetweenBoundsAreAccepted() {
        assertThat(compile("{\"type\":\"Between\",\"name\":\"start_time\",\"fromValue\":1,\"toValue\":2}").params())
                .containsExactly(1L, 2L);
    }

    /** Each bad filter, and the part of its error message that says what is wrong with it. */
    static Stream<Arguments> badFilters() {
        return Stream.of(
                Arguments.of("not json",
                        "filter is not valid JSON"),
                Arguments.of("[]",
                        "must be a JSON object with a \"type\""),
                Arguments.of("{\"type\":\"Equals\",\"name\":\"password\",\"value\":\"x\"}",
                        "unknown filter field \"password\""),
                Arguments.of("{\"type\":\"Equals\",\"name\":\"start_time\",\"value\":\"yesterday\"}",
                        "\"start_time\" takes an integer value"),
                Arguments.of("{\"type\":\"Equals\",\"name\":\"start_time\",\"value\":1.5}",
                        "\"start_time\" takes an integer value"),
                Arguments.of("{\"type\":\"Equals\",\"name\":\"unauthenticated\",\"value\":\"true\"}",
                        "takes true or false"),
                Arguments.of("{\"type\":\"Equals\",\"name\":\"session_state\",\"value\":\"ASLEEP\"}",
                        "takes one of [CONNECTED, DISCONNECTED]"),
                Arguments.of("{\"type\":\"Equals\",\"name\":\"user_id\",\"value\":7}",
                        "\"user_id\" takes a string value"),
                Arguments.of("{\"type\":\"Equals\",\"name\":\"user_id\"}",
                        "needs a \"value\""),
                Arguments.of("{\"type\":\"Contains\",\"name\":\"start_time\",\"value\":3}",
                        "\"start_time\" does not support Contains"),
                Arguments.of("{\"type\":\"StartsWith\",\"name\":\"session_state\",\"value\":\"CON\"}",
                        "does not support StartsWith"),
                Arguments.of("{\"type\":\"Between\",\"name\":\"user_id\",\"from_value\":1,\"to_value\":2}",
                        "\"user_id\" does not support Between"),
                Arguments.of("{\"type\":\"Between\",\"name\":\"start_time\",\"from_value\":5,\"to_value\":2}",
                        "from_value greater than to_value"),
                Arguments.of("{\"type\":\"Between\",\"name\":\"start_time\",\"from_value\":5}",
                        "needs integer from_value and to_value"),
                Arguments.of("{\"type\":\"And\",\"filters\":[]}",
                        "needs a non-empty \"filters\" array"),
                Arguments.of("{\"type\":\"And\"}",
                        "needs a non-empty \"filters\" array"),
                Arguments.of("{\"type\":\"Not\"}",
                        "a Not filter needs a \"filter\""),
                Arguments.of("{\"type\":\"Like\",\"name\":\"user_id\",\"value\":\"x\"}",
                        "unknown filter type \"Like\""),
                Arguments.of("{\"name\":\"user_id\",\"value\":\"x\"}",
                        "needs a string \"type\""),
                Arguments.of("{\"type\":\"Contains\",\"name\":\"user_id\",\"value\":null}",
                        "needs a non-null value"),
                Arguments.of("{\"type\":\"Equals\",\"name\":\"user_id\",\"value\":\"a\\u0000b\"}",
                        "contains a NUL character"));
    }

    @ParameterizedTest
    @MethodSource("badFilters")
    void badFiltersAreRefusedWithTheirReason(String json, String reason) {
        assertThatThrownBy(() -> FilterParser.parse(json, CATALOGUE))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining(reason)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void deepOrHugeFiltersAreRefused() {
        String deep = "{\"type\":\"Equals\",\"name\":\"user_id\",\"value\":\"x\"}";
        for (int i = 0; i < 20; i++) {
            deep = "{\"type\":\"Not\",\"filter\":" + deep + "}";
        }
        String finalDeep = deep;
        assertThatThrownBy(() -> FilterParser.parse(finalDeep, CATALOGUE)).hasMessageContaining("deeper");

        StringBuilder wide = new StringBuilder("{\"type\":\"Or\",\"filters\":[");
        for (int i = 0; i < 300; i++) {
            wide.append(i == 0 ? "" : ",").append("{\"type\":\"Equals\",\"name\":\"id\",\"value\":\"").append(i).append("\"}");
        }
        wide.append("]}");
        assertThatThrownBy(() -> FilterParser.parse(wide.toString(), CATALOGUE)).hasMessageContaining("conditions");
    }

    @Test
    void pagingDefaultsAndLimits() {
        PageRequest defaults = PageRequest.parse(null, null, null, null, CATALOGUE);
        assertThat(defaults.page()).isEqualTo(1);
        assertThat(defaults.size()).isEqualTo(1000);
        assertThat(defaults.orderBy("id")).isEqualTo("ORDER BY id ASC");

        PageRequest third = PageRequest.parse("3", "50", "start_time", "desc", CATALOGUE);
        assertThat(third.offset()).isEqualTo(100);
        assertThat(third.fetchSize()).isEqualTo(51);
        assertThat(third.orderBy("id")).isEqualTo("ORDER BY start_time DESC, id DESC");

        for (List<String> bad : List.of(List.of("0", "10"), List.of("x", "10"), List.of("1", "1001"),
                List.of("1", "0"), List.of("1", "-5"), List.of("99999999999", "10"))) {
            assertThatThrownBy(() -> PageRequest.parse(bad.get(0), bad.get(1), null, null, CATALOGUE))
                    .isInstanceOf(FilterException.class);
        }
        // Deep paging is capped: the deepest page may start at row 100,000, not one row later.
        assertThat(PageRequest.parse("101", "1000", null, null, CATALOGUE).offset()).isEqualTo(100_000);
        assertThatThrownBy(() -> PageRequest.parse("102", "1000", null, null, CATALOGUE))
                .hasMessageContaining("beyond row 100000");
        assertThatThrownBy(() -> PageRequest.parse("10002", "10", null, null, CATALOGUE))
                .isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> PageRequest.parse("1", "10", "user_id", null, CATALOGUE))
                .hasMessageContaining("cannot sort");
        assertThatThrownBy(() -> PageRequest.parse("1", "10", "start_time", "UP", CATALOGUE))
                .hasMessageContaining("ASC or DESC");
    }
}

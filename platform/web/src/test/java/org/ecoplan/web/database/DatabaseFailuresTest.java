package org.ecoplan.web.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void recognisesADatabaseThatIsAwayAnywhereInTheCauseChain() {
        assertThat(DatabaseFailures.isUnavailable(wrapped(new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(wrapped(new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(wrapped(new SQLException("the database system is starting up", "57P03")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(wrapped(new SQLException("sorry, too many clients already", "53300")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(wrapped(new SQLException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(wrapped(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void leavesEveryOtherFailureAlone() {
        assertThat(DatabaseFailures.isUnavailable(wrapped(new SQLException("numeric field overflow", "22003")))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(wrapped(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseFailures.sqlState(wrapped(new SQLException("numeric field overflow", "22003")))).contains("22003");
    }

    @Test
    void findsTheStateInTheNextExceptionOfABatch() {
        SQLException batch = new SQLException("Batch entry 0 was aborted");
        batch.setNextException(new SQLException("An I/O error occurred while sending to the backend", "08006"));
        assertThat(DatabaseFailures.isUnavailable(wrapped(batch))).isTrue();
    }

    private static RuntimeException wrapped(Exception cause) {
        return new IllegalStateException("outer", new RuntimeException("middle", cause));
    }
}

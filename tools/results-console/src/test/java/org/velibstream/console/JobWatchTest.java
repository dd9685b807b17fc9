package org.velibstream.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobWatchTest {

    @Test
    void theRootCauseIsTheLastCauseNotASuppressedOnesNorFlinksWrapper() {
        String trace = """
                org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy
                \tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(X.java:1)
                Caused by: java.io.IOException: Cassandra is down
                \tat org.velibstream.sink.cassandra.Writer.write(Writer.java:2)
                \tSuppressed: java.lang.RuntimeException: while closing
                \t\tCaused by: java.lang.IllegalStateException: closed twice
                Caused by: java.net.ConnectException: Connection refused
                \tat java.base/sun.nio.ch.Net.connect0(Native Method)
                """;

        assertThat(JobWatch.rootCause(trace)).isEqualTo("java.net.ConnectException: Connection refused");
    }

    @Test
    void anExceptionNotWrappedIsItsFirstLine() {
        assertThat(JobWatch.rootCause("java.lang.IllegalStateException: boom\n\tat A.b(A.java:1)\n"))
                .isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(JobWatch.rootCause("  \n")).isNull();
    }

    @Test
    void describesAFailureAndAnyOtherEnd() {
        assertThat(new JobWatch.JobState("FAILED", "java.lang.IllegalStateException: boom").describe())
                .isEqualTo("the job failed: java.lang.IllegalStateException: boom");
        assertThat(new JobWatch.JobState("CANCELED", null).describe()).isEqualTo("the job has ended: CANCELED");
        JobWatch.JobState restarting = new JobWatch.JobState("RESTARTING", "java.io.IOException: x");
        assertThat(restarting.ended()).isFalse();
        assertThat(restarting.notice()).isEqualTo("the job is RESTARTING after: java.io.IOException: x");
        assertThat(new JobWatch.JobState("RUNNING", null).notice()).isNull();
    }
}

package org.velibstream.job.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.velibstream.job.model.IdleKeyCleanup;

/**
 * An opened test harness for a keyed process function, which also sees the metrics the function registers.
 */
@SuppressWarnings("try") // close() throws Exception, as the Flink harness it extends does
public final class KeyedTestHarness<K, IN, OUT> extends KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> {

    private final InterceptingOperatorMetricGroup metrics;

    private KeyedTestHarness(
            KeyedProcessFunction<K, IN, OUT> function,
            KeySelector<IN, K> keySelector,
            TypeInformation<K> keyType,
            MockEnvironment environment,
            InterceptingOperatorMetricGroup metrics)
            throws Exception {
        super(new KeyedProcessOperator<>(function), keySelector, keyType, environment);
        this.metrics = metrics;
    }

    /** A harness for {@code function} keyed by a String, as {@link #open(KeyedProcessFunction, KeySelector, TypeInformation, OperatorSubtaskState)}. */
    public static <IN, OUT> KeyedTestHarness<String, IN, OUT> open(
            KeyedProcessFunction<String, IN, OUT> function,
            KeySelector<IN, String> keySelector,
            @Nullable OperatorSubtaskState snapshot)
            throws Exception {
        return open(function, keySelector, Types.STRING, snapshot);
    }

    /** A harness for {@code function}, set up and opened, restored from {@code snapshot} when it is not null. */
    public static <K, IN, OUT> KeyedTestHarness<K, IN, OUT> open(
            KeyedProcessFunction<K, IN, OUT> function,
            KeySelector<IN, K> keySelector,
            TypeInformation<K> keyType,
            @Nullable OperatorSubtaskState snapshot)
            throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        MockEnvironment environment = new MockEnvironmentBuilder()
                .setMetricGroup(new InterceptingTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(
                            OperatorID operatorId, String name, Map<String, String> additionalVariables) {
                        return metrics;
                    }
                })
                .build();
        KeyedTestHarness<K, IN, OUT> harness =
                new KeyedTestHarness<>(function, keySelector, keyType, environment, metrics);
        harness.setup();
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }

    /** The current count of the counter the function registered as {@code name}. */
    public long counter(String name) {
        return ((Counter) metrics.get(name)).getCount();
    }

    /** The event-time timestamps of the records emitted so far whose value satisfies {@code filter}. */
    public List<Long> timestampsOf(Class<OUT> type, Predicate<OUT> filter) {
        return getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(element -> (StreamRecord<?>) element)
                .filter(record -> filter.test(type.cast(record.getValue())))
                .map(StreamRecord::getTimestamp)
                .toList();
    }

    /** Asserts that no key has keyed state or a timer left. */
    public void assertNothingLeftBehind() {
        assertThat(numKeyedStateEntries()).as("keyed state entries left behind").isZero();
        assertThat(numEventTimeTimers()).as("event-time timers left behind").isZero();
        assertThat(numProcessingTimeTimers())
                .as("processing-time timers left behind")
                .isZero();
    }

    /** Moves processing time on by the longest a key without input may be kept, which fires its cleanup. */
    public void idleForCleanup() throws Exception {
        setProcessingTime(getProcessingTime() + longestIdleKeep().toMillis());
    }

    /** How long after its last input a key's state may still be there. */
    public static Duration longestIdleKeep() {
        return IdleKeyCleanup.RETENTION.plus(IdleKeyCleanup.GRANULARITY);
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            // The harness closes only the environments it creates itself.
            getEnvironment().close();
        }
    }
}

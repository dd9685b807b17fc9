package org.velibstream.job.testing;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import javax.annotation.Nullable;

import java.util.List;
import java.util.function.Predicate;

/** Opens keyed operator test harnesses, fresh or restored from a snapshot. */
public final class KeyedHarnesses {

    private KeyedHarnesses() {}

    /** A harness for {@code function} keyed by a String, restored from {@code snapshot} when it is not null. */
    public static <IN, OUT> KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> open(
            KeyedProcessFunction<String, IN, OUT> function,
            KeySelector<IN, String> keySelector,
            @Nullable OperatorSubtaskState snapshot)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function), keySelector, Types.STRING);
        harness.setup();
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }

    /** The event-time timestamps of the records the harness emitted whose value satisfies {@code filter}. */
    public static <OUT> List<Long> timestampsOf(
            KeyedOneInputStreamOperatorTestHarness<String, ?, OUT> harness, Class<OUT> type,
            Predicate<OUT> filter) {
        return harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(element -> (StreamRecord<?>) element)
                .filter(record -> filter.test(type.cast(record.getValue())))
                .map(StreamRecord::getTimestamp)
                .toList();
    }
}

package org.velibstream.sink.alertmanager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;

/** Processing time that moves when the test says, firing the timers that fall due on the test's thread. */
final class ManualProcessingTime implements ProcessingTimeService {

    private record Timer(long at, ProcessingTimeCallback callback) {}

    private long now;
    private final List<Timer> timers = new ArrayList<>();

    ManualProcessingTime(long now) {
        this.now = now;
    }

    @Override
    public long getCurrentProcessingTime() {
        return now;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
        Timer timer = new Timer(timestamp, callback);
        timers.add(timer);
        return new CancellingFuture(() -> timers.remove(timer));
    }

    void advance(long millis) throws Exception {
        now += millis;
        List<Timer> due = timers.stream().filter(t -> t.at() <= now).toList();
        timers.removeAll(due);
        for (Timer timer : due) {
            timer.callback().onProcessingTime(now);
        }
    }

    int pendingTimers() {
        return timers.size();
    }

    private static final class CancellingFuture extends CompletableFuture<Void> implements ScheduledFuture<Void> {
        private final Runnable onCancel;

        CancellingFuture(Runnable onCancel) {
            this.onCancel = onCancel;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            onCancel.run();
            return super.cancel(mayInterruptIfRunning);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(java.util.concurrent.Delayed other) {
            return 0;
        }
    }
}

package org.velibstream.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CompleteWindowsTest {

    private static final Instant W0 = Instant.parse("2026-12-03T17:01:00Z");
    private static final Instant W1 = W0.plusSeconds(60);
    private static final Instant W2 = W1.plusSeconds(60);
    /** Sink subtask A writes the rows of these areas, B those of the others, as the job's keyBy splits them. */
    private static final List<String> AREAS_OF_A = List.of("75001", "75002");

    /**
     * Two sink subtasks write the rows of one checkpoint interleaved, each in a transaction of its own, into a
     * topic of two partitions, and commit one after the other; the reader polls between every step. The first
     * checkpoint fires two windows at once (the watermark's jump at the start), the second one window, whose
     * transactions commit in the other order. Only whole windows are released, all of them, in order.
     */
    @Test
    void releasesEveryWindowWholeAndInOrderWhateverTheOrderOfTheCommits() {
        Topic topic = new Topic(2);
        CompleteWindows windows = new CompleteWindows();
        List<CompleteWindows.Window> released = new ArrayList<>();
        List<Long> newestWindowRowsRead = new ArrayList<>();
        Runnable poll = () -> {
            topic.read().forEach(windows::add);
            newestWindowRowsRead.add(topic.rowsOfNewestWindowRead());
            if (topic.settled()) {
                released.addAll(windows.release());
            }
        };

        topic.write("A", row("75001", W0));
        poll.run();
        topic.write("B", row("75003", W0));
        topic.write("A", row("75002", W0));
        topic.write("A", row("75001", W1));
        poll.run();
        topic.write("B", row("75004", W0));
        topic.write("A", row("75002", W1));
        topic.write("B", row("75003", W1));
        topic.write("B", row("75004", W1));
        topic.commit("A");
        poll.run();
        assertThat(released).as("nothing while B's transaction is open").isEmpty();
        topic.commit("B");
        poll.run();

        topic.write("B", row("75003", W2));
        topic.write("A", row("75001", W2));
        poll.run();
        topic.write("A", row("75002", W2));
        topic.write("B", row("75004", W2));
        topic.commit("B");
        poll.run();
        assertThat(released).hasSize(2);
        topic.commit("A");
        poll.run();
        poll.run();

        assertThat(released).extracting(CompleteWindows.Window::windowEnd).containsExactly(W0, W1, W2);
        assertThat(released).allSatisfy(window -> assertThat(window.rows())
                .extracting(PublishedStats::area)
                .containsExactlyInAnyOrder("75001", "75002", "75003", "75004"));
        assertThat(newestWindowRowsRead)
                .as("the reader did see windows in pieces, which a console showing what it read would have shown")
                .anySatisfy(rows -> assertThat(rows).isBetween(1L, 3L));
    }

    @Test
    void windowsOfSeveralSystemsAreReleasedByWindowEndThenSystem() {
        CompleteWindows windows = new CompleteWindows();
        windows.add(row("velib", "75001", W1));
        windows.add(row("baywheels", "94107", W1));
        windows.add(row("velib", "75001", W0));
        windows.add(row("velib", "75002", W1));

        assertThat(windows.release())
                .extracting(window -> window.systemId() + "@" + window.windowEnd() + ":"
                        + window.rows().size())
                .containsExactly("velib@" + W0 + ":1", "baywheels@" + W1 + ":1", "velib@" + W1 + ":2");
        assertThat(windows.hasPending()).isFalse();
    }

    @Test
    void settledOnlyWhenEverythingWrittenIsCommittedAndRead() {
        Map<String, Long> logEnds = Map.of("p0", 10L, "p1", 7L);

        assertThat(CompleteWindows.settled(Map.of("p0", 10L, "p1", 7L), Map.of("p0", 10L, "p1", 7L), logEnds))
                .isTrue();
        assertThat(CompleteWindows.settled(Map.of("p0", 10L, "p1", 6L), Map.of("p0", 10L, "p1", 7L), logEnds))
                .as("a committed record not read yet")
                .isFalse();
        assertThat(CompleteWindows.settled(Map.of("p0", 8L, "p1", 7L), Map.of("p0", 8L, "p1", 7L), logEnds))
                .as("a transaction open on p0 from offset 8")
                .isFalse();
        assertThat(CompleteWindows.settled(Map.of("p0", 10L, "p1", 7L), Map.of("p0", 10L), logEnds))
                .as("an end unknown")
                .isFalse();
    }

    private static PublishedStats row(String area, Instant windowEnd) {
        return row("velib", area, windowEnd);
    }

    private static PublishedStats row(String system, String area, Instant windowEnd) {
        return new PublishedStats(
                system,
                "POSTAL_CODE",
                area,
                windowEnd.minusSeconds(60),
                windowEnd,
                10,
                50,
                40,
                10,
                60,
                110,
                1,
                0,
                0,
                0);
    }

    /**
     * Kafka's transactional log as a {@code read_committed} reader meets it: each producer's records are invisible
     * until it commits, and a partition is readable only up to the first record of its oldest open transaction (the
     * last stable offset); a commit adds a marker, which takes an offset.
     */
    private static final class Topic {

        private final List<List<PublishedStats>> partitions = new ArrayList<>();
        /** By producer, then partition: the offset of the first record of its open transaction there. */
        private final Map<String, Map<Integer, Long>> openTransactions = new HashMap<>();

        private final Map<Integer, Long> positions = new TreeMap<>();
        private final List<PublishedStats> readRows = new ArrayList<>();

        Topic(int partitionCount) {
            for (int partition = 0; partition < partitionCount; partition++) {
                partitions.add(new ArrayList<>());
                positions.put(partition, 0L);
            }
        }

        void write(String producer, PublishedStats row) {
            int partition = Math.floorMod(row.area().hashCode(), partitions.size());
            List<PublishedStats> log = partitions.get(partition);
            openTransactions.computeIfAbsent(producer, name -> new HashMap<>()).putIfAbsent(partition, (long)
                    log.size());
            log.add(row);
            assertThat(AREAS_OF_A.contains(row.area())).isEqualTo(producer.equals("A"));
        }

        void commit(String producer) {
            openTransactions.remove(producer).keySet().forEach(partition -> partitions
                    .get(partition)
                    .add(null));
        }

        long committedEnd(int partition) {
            return openTransactions.values().stream()
                    .map(open -> open.get(partition))
                    .filter(offset -> offset != null)
                    .min(Long::compare)
                    .orElse(logEnd(partition));
        }

        long logEnd(int partition) {
            return partitions.get(partition).size();
        }

        List<PublishedStats> read() {
            List<PublishedStats> rows = new ArrayList<>();
            positions.replaceAll((partition, position) -> {
                long end = committedEnd(partition);
                for (long offset = position; offset < end; offset++) {
                    PublishedStats row = partitions.get(partition).get((int) offset);
                    if (row != null) {
                        rows.add(row);
                    }
                }
                return Math.max(position, end);
            });
            readRows.addAll(rows);
            return rows;
        }

        /** What a console showing the newest window it read would show of it. */
        long rowsOfNewestWindowRead() {
            Instant newest = readRows.stream()
                    .map(PublishedStats::windowEnd)
                    .max(Instant::compareTo)
                    .orElse(null);
            return readRows.stream()
                    .filter(row -> row.windowEnd().equals(newest))
                    .count();
        }

        boolean settled() {
            Map<Integer, Long> committedEnds = new TreeMap<>();
            Map<Integer, Long> logEnds = new TreeMap<>();
            positions.keySet().forEach(partition -> {
                committedEnds.put(partition, committedEnd(partition));
                logEnds.put(partition, logEnd(partition));
            });
            return CompleteWindows.settled(positions, committedEnds, logEnds);
        }
    }
}

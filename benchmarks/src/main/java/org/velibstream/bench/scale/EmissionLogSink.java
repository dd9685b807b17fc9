package org.velibstream.bench.scale;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * A sink that records when each result left the job: one line {@code <epoch ms> <description>} per record, in
 * {@code <folder>/<name>-<subtask>.log}, flushed at once so the time on the line is the time of emission. The scale
 * harness uses it instead of Kafka so that a broker's CPU on the same two cores does not count as the job's, and so
 * that freshness is not padded by the exactly-once sinks' wait for the next checkpoint (see docs/benchmarks.md).
 */
public final class EmissionLogSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String folder;
    private final String name;
    private final SerializableFunction<T, String> description;

    /** @param description what to write after the time; one line, no line break */
    public EmissionLogSink(Path folder, String name, SerializableFunction<T, String> description) {
        this.folder = folder.toAbsolutePath().toString();
        this.name = name;
        this.description = description;
    }

    /** One line of the log: when a record left the job, and its description. */
    public record Emission(long epochMillis, String description) {}

    /** Every line the subtasks of the sink {@code name} wrote under {@code folder}, in no particular order. */
    public static List<Emission> read(Path folder, String name) throws IOException {
        List<Emission> emissions = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, name + "-*.log")) {
            for (Path file : files) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int space = line.indexOf(' ');
                    emissions.add(new Emission(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
                }
            }
        }
        return emissions;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path file = Path.of(folder, name + '-' + context.getTaskInfo().getIndexOfThisSubtask() + ".log");
        return new Writer<>(
                Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                description);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final BufferedWriter out;
        private final SerializableFunction<T, String> description;

        Writer(BufferedWriter out, SerializableFunction<T, String> description) {
            this.out = out;
            this.description = description;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            out.write(System.currentTimeMillis() + " " + description.apply(element) + '\n');
            out.flush();
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}

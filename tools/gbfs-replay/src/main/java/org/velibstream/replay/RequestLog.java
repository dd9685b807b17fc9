package org.velibstream.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import javax.annotation.Nullable;

/**
 * One line per request, {@code <arrival epoch ms> <method> <path> <status> <document time epoch s or ->}, so that a
 * benchmark can tell when each document was asked for: the arrival of a poll is the closest the server sees to the
 * poll's start. Each line is flushed as it is written, so the file is complete whenever the server stops.
 */
final class RequestLog implements AutoCloseable {

    private final BufferedWriter out;

    private RequestLog(BufferedWriter out) {
        this.out = out;
    }

    /** Appends to {@code file}, creating it when missing. */
    static RequestLog appendingTo(Path file) throws IOException {
        return new RequestLog(Files.newBufferedWriter(
                file,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE));
    }

    synchronized void record(
            long arrivalMillis, String method, String path, int status, @Nullable Instant documentTime) {
        try {
            out.write(arrivalMillis + " " + method + ' ' + path + ' ' + status + ' '
                    + (documentTime == null ? "-" : Long.toString(documentTime.getEpochSecond())) + '\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the request log", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}

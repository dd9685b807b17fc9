package org.velibstream.source.http.reader;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.velibstream.source.http.split.HttpEndpointSplit;
import org.velibstream.source.http.split.HttpEndpointSplitState;

/** Runs one {@link HttpPollingSplitReader} on a single fetcher thread for all endpoints assigned to this reader. */
public final class HttpPollingSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<PollOutcome, T, HttpEndpointSplit, HttpEndpointSplitState> {

    public HttpPollingSourceReader(
            Supplier<SplitReader<PollOutcome, HttpEndpointSplit>> splitReaderSupplier,
            RecordEmitter<PollOutcome, T, HttpEndpointSplitState> recordEmitter,
            Configuration config,
            SourceReaderContext context) {
        super(splitReaderSupplier, recordEmitter, config, context);
    }

    @Override
    protected void onSplitFinished(Map<String, HttpEndpointSplitState> finishedSplitIds) {
        // Finished endpoints are logged by the split reader; a finished split has nothing left to release.
    }

    @Override
    protected HttpEndpointSplitState initializedState(HttpEndpointSplit split) {
        return new HttpEndpointSplitState(split);
    }

    @Override
    protected HttpEndpointSplit toSplitType(String splitId, HttpEndpointSplitState state) {
        return state.toSplit();
    }
}

package org.velibstream.source.http.enumerator;

import java.util.List;
import org.velibstream.source.http.split.HttpEndpointSplit;

/**
 * The enumerator's checkpoint: splits not yet handed to a reader. Assigned splits live in their reader's state.
 *
 * @param unassignedSplits splits to assign when readers register
 */
public record HttpPollingEnumeratorState(List<HttpEndpointSplit> unassignedSplits) {

    public HttpPollingEnumeratorState {
        unassignedSplits = List.copyOf(unassignedSplits);
    }
}

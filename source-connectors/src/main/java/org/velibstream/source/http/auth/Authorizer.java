package org.velibstream.source.http.auth;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Supplies the {@code Authorization} header of each poll; created per split reader from an {@link HttpAuthentication}. */
public interface Authorizer {

    /** Completes with the header value to send, or empty to send none. Never blocks the caller. */
    CompletableFuture<Optional<String>> authorization();

    /** Called when a server answered 401 to the current credentials, so that they are not reused. */
    void invalidate();
}

package org.velibstream.source.http.reader;

import java.io.IOException;

/** A response body exceeded the size cap; reading stopped there. */
public final class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long maxBodyBytes, String detail) {
        super("Response body larger than the cap of " + maxBodyBytes + " bytes (" + detail + ")");
    }
}

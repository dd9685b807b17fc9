package org.velibstream.gbfs;

import java.io.IOException;

/**
 * A payload that cannot be decoded as a whole: not JSON, truncated, or JSON that is not a GBFS document or entry.
 * No entry of such a payload reaches the listener. Problems confined to one entry are {@link Rejection rejections}
 * instead.
 *
 * <p>It is an {@link IOException} so that an {@link org.velibstream.source.http.HttpResponseDeserializer} can let it
 * propagate as a decode failure of one poll.
 */
public final class GbfsDecodingException extends IOException {

    private static final long serialVersionUID = 1L;

    public GbfsDecodingException(String reason) {
        super(reason);
    }

    public GbfsDecodingException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

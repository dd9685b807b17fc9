package org.velibstream.source.http.reader;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Buffers a response body up to a cap and fails the exchange with {@link BodyTooLargeException} as soon as the
 * declared or received size passes it, so an oversized body is never read in full.
 */
final class CappedBodyConsumer extends AbstractBinResponseConsumer<CappedBodyConsumer.Response> {

    private static final int READ_CHUNK_BYTES = 64 * 1024;

    /** A complete response: status, headers with lower-case names (repeated ones joined by ", "), body. */
    record Response(int statusCode, Map<String, String> headers, byte[] body) {
        @Nullable
        String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }
    }

    private final long maxBodyBytes;

    @Nullable
    private HttpResponse head;

    private ByteArrayOutputStream body = new ByteArrayOutputStream();

    CappedBodyConsumer(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) throws BodyTooLargeException {
        Header contentLength = response.getFirstHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null) {
            try {
                long declared = Long.parseLong(contentLength.getValue().trim());
                if (declared > maxBodyBytes) {
                    throw new BodyTooLargeException(maxBodyBytes, "Content-Length " + declared);
                }
            } catch (NumberFormatException ignored) {
                // A malformed Content-Length is the transport's problem; the cap is still enforced while reading.
            }
        }
        head = response;
    }

    @Override
    protected int capacityIncrement() {
        return READ_CHUNK_BYTES;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws BodyTooLargeException {
        if ((long) body.size() + src.remaining() > maxBodyBytes) {
            throw new BodyTooLargeException(maxBodyBytes, "more than " + maxBodyBytes + " bytes received");
        }
        byte[] chunk = new byte[src.remaining()];
        src.get(chunk);
        body.writeBytes(chunk);
    }

    @Override
    protected Response buildResult() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : head.getHeaders()) {
            headers.merge(header.getName().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
        }
        return new Response(head.getCode(), headers, body.toByteArray());
    }

    @Override
    public void releaseResources() {
        body = new ByteArrayOutputStream();
    }
}

package org.velibstream.source.http.reader;

/** Why a poll produced no usable response; each kind has its own error counter. */
public enum FailureKind {
    /** Connecting, waiting for data, or the whole exchange took longer than the request timeout. */
    TIMEOUT("timeout"),
    /** Connection refused, reset or closed early (a body shorter than its Content-Length), TLS failure. */
    CONNECT("connect"),
    /** A 4xx status other than 429 and the configured end-of-sequence statuses. */
    HTTP_4XX("http4xx"),
    /** A 5xx status, or any other status the source cannot use. */
    HTTP_5XX("http5xx"),
    /** 429 Too Many Requests; its Retry-After is honoured. */
    RATE_LIMITED("rateLimited"),
    /** The body exceeded the configured size cap; it was not read further. */
    TOO_LARGE("tooLarge"),
    /** No credentials could be obtained, for example from an OAuth2 token endpoint. */
    AUTH("auth"),
    /** The deserializer rejected the body. */
    DECODE("decode");

    private final String metricName;

    FailureKind(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }
}

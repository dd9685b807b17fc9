package org.velibstream.sink.alertmanager;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * Builds an {@link AlertmanagerSink}. The Alertmanagers and the alert mapper are required; everything else has a
 * default from {@link AlertmanagerDeliveryOptions}. Invalid values fail in {@link #build()} with the option's name in
 * the message.
 *
 * @param <T> the record type
 */
public final class AlertmanagerSinkBuilder<T> {

    private final List<URI> alertmanagers = new ArrayList<>();
    private Duration sendInterval = AlertmanagerDeliveryOptions.DEFAULT_SEND_INTERVAL;
    private int maxBatchSize = AlertmanagerDeliveryOptions.DEFAULT_MAX_BATCH_SIZE;
    private Duration refreshInterval = AlertmanagerDeliveryOptions.DEFAULT_REFRESH_INTERVAL;
    private Duration requestTimeout = AlertmanagerDeliveryOptions.DEFAULT_REQUEST_TIMEOUT;
    private int maxAttempts = AlertmanagerDeliveryOptions.DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = AlertmanagerDeliveryOptions.DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = AlertmanagerDeliveryOptions.DEFAULT_MAX_BACKOFF;

    @Nullable
    private AlertmanagerAlertMapper<T> mapper;

    AlertmanagerSinkBuilder() {}

    /** Base URLs such as {@code http://127.0.0.1:9093}; every alert is posted to each (the members of a cluster). */
    public AlertmanagerSinkBuilder<T> setAlertmanagers(String... urls) {
        alertmanagers.clear();
        for (String url : urls) {
            try {
                alertmanagers.add(new URI(url.strip()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Alertmanager URL '" + url + "' is not a URL: " + e.getMessage());
            }
        }
        return this;
    }

    public AlertmanagerSinkBuilder<T> setAlertMapper(AlertmanagerAlertMapper<T> mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        return this;
    }

    /** The longest a written alert waits before it is posted, and the most alerts per POST. */
    public AlertmanagerSinkBuilder<T> setBatching(Duration sendInterval, int maxBatchSize) {
        this.sendInterval = sendInterval;
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /** How often open alerts are posted again; Alertmanager resolves one not posted for 4 intervals. */
    public AlertmanagerSinkBuilder<T> setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
        return this;
    }

    public AlertmanagerSinkBuilder<T> setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        return this;
    }

    /**
     * Retries of connection errors, timeouts and 5xx answers: {@code maxAttempts} in all per Alertmanager, waiting
     * {@code initialBackoff}, doubling up to {@code maxBackoff}. When no Alertmanager took a batch the job fails and
     * Flink restarts it from the last checkpoint.
     */
    public AlertmanagerSinkBuilder<T> setRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        return this;
    }

    public AlertmanagerSink<T> build() {
        if (mapper == null) {
            throw new IllegalStateException("An alert mapper is required (setAlertMapper)");
        }
        return new AlertmanagerSink<>(
                new AlertmanagerDeliveryOptions(
                        alertmanagers,
                        sendInterval,
                        maxBatchSize,
                        refreshInterval,
                        requestTimeout,
                        maxAttempts,
                        initialBackoff,
                        maxBackoff),
                mapper);
    }
}

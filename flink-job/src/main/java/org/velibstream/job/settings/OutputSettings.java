package org.velibstream.job.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;

/**
 * Where the results go.
 *
 * @param sinks the sinks, each once, in {@link SinkKind}'s order
 * @param output with {@link SinkKind#JSONL}: the directory of the files; null when not given
 * @param publishRaw whether polled statuses are republished to the raw topic
 * @param alertmanagers the Alertmanagers the alerts are also posted to; empty for none
 * @param alertmanagerRefresh how often open alerts are posted to them again
 */
public record OutputSettings(
        List<SinkKind> sinks,
        @Nullable String output,
        boolean publishRaw,
        List<URI> alertmanagers,
        Duration alertmanagerRefresh) {

    public OutputSettings {
        EnumSet<SinkKind> distinct = EnumSet.noneOf(SinkKind.class);
        distinct.addAll(sinks);
        sinks = List.copyOf(distinct);
        alertmanagers = List.copyOf(alertmanagers);
        if (alertmanagerRefresh.isNegative() || alertmanagerRefresh.isZero()) {
            throw new IllegalArgumentException("--alertmanager-refresh must be positive, was " + alertmanagerRefresh);
        }
    }

    static OutputSettings from(Configuration config) {
        return new OutputSettings(
                config.get(OutputOptions.SINK),
                config.get(OutputOptions.OUTPUT),
                config.get(KafkaOptions.PUBLISH_RAW),
                alertmanagers(config.get(OutputOptions.ALERTMANAGER_URL)),
                config.get(OutputOptions.ALERTMANAGER_REFRESH));
    }

    /** The URLs of {@code --alertmanager-url}, checked now so that a wrong one fails the submission, not the job. */
    private static List<URI> alertmanagers(@Nullable String option) {
        List<URI> urls = new ArrayList<>();
        if (option == null || option.isBlank()) {
            return urls;
        }
        for (String url : option.split(",")) {
            URI uri = parseOrNull(url.strip());
            if (uri == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("--alertmanager-url: '" + url.strip()
                        + "' is not an http(s) URL with a host, like http://127.0.0.1:9093");
            }
            urls.add(uri);
        }
        return urls;
    }

    @Nullable
    private static URI parseOrNull(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}

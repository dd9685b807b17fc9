package org.velibstream.job.ingest;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * A GBFS system to poll: a short id that names its state, metrics and output, and its {@code gbfs.json} URL.
 * Written {@code id=url} in options; a bare URL takes its id from the system's {@code system_information} when the
 * job is built ({@code idFromFeed}), and until then, or when the system has none, from its host and port
 * ({@code 127-0-0-1-8900}).
 *
 * @param idFromFeed whether the id is provisional, to be replaced by the system_id the system gives itself
 */
public record GbfsSystem(String id, URI discoveryUri, boolean idFromFeed) implements Serializable {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9_.-]+");

    public GbfsSystem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(discoveryUri, "discoveryUri");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "A GBFS system id is letters, digits, '.', '_' or '-', got '" + id + "'");
        }
    }

    /** A system under the id the user gave. */
    public GbfsSystem(String id, URI discoveryUri) {
        this(id, discoveryUri, false);
    }

    public static GbfsSystem parse(String option) {
        int equals = option.indexOf('=');
        if (equals > 0) {
            return new GbfsSystem(
                    option.substring(0, equals).trim(),
                    URI.create(option.substring(equals + 1).trim()));
        }
        URI uri = URI.create(option.trim());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "Expected id=url or an absolute URL of a gbfs.json, got '" + option + "'");
        }
        String host = uri.getHost()
                .replace('.', '-')
                .replace(':', '-')
                .replace("[", "")
                .replace("]", "");
        return new GbfsSystem(uri.getPort() > 0 ? host + '-' + uri.getPort() : host, uri, true);
    }

    /**
     * {@code text} in the id alphabet: each run of other characters becomes one {@code '-'}, and leading or trailing
     * ones are dropped ({@code "Bay Wheels"} → {@code Bay-Wheels}); null when nothing is left.
     */
    @Nullable
    public static String sanitizedId(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String id = NOT_ID.matcher(text.strip()).replaceAll("-").replaceAll("^-+|-+$", "");
        return id.isEmpty() ? null : id;
    }

    /** The same system under a final id. */
    public GbfsSystem withId(String finalId) {
        return new GbfsSystem(finalId, discoveryUri, false);
    }

    /** The id of the endpoint (and source split) polling one of this system's feeds. */
    public GbfsEndpointId endpointId(GbfsFeed feed) {
        return new GbfsEndpointId(id, feed);
    }
}

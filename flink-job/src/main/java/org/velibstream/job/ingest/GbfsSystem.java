package org.velibstream.job.ingest;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A GBFS system to poll: a short id that names its state, metrics and output, and its {@code gbfs.json} URL.
 * Written {@code id=url} in options; a bare URL takes its id from its host and port ({@code 127-0-0-1-8900}).
 */
public record GbfsSystem(String id, URI discoveryUri) implements Serializable {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

    public GbfsSystem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(discoveryUri, "discoveryUri");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "A GBFS system id is letters, digits, '.', '_' or '-', got '" + id + "'");
        }
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
        return new GbfsSystem(uri.getPort() > 0 ? host + '-' + uri.getPort() : host, uri);
    }

    /** The id of the endpoint (and source split) polling one of this system's feeds. */
    public GbfsEndpointId endpointId(GbfsFeed feed) {
        return new GbfsEndpointId(id, feed);
    }
}

package org.velibstream.sink.cassandra;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * Where and how to connect: contact points as {@code host:port} ({@code [v6-address]:port} for IPv6), the local
 * datacenter the driver routes to, and the optional keyspace, credentials and TLS.
 */
public record CassandraConnectionOptions(
        List<String> contactPoints,
        String localDatacenter,
        @Nullable String keyspace,
        @Nullable CassandraCredentials credentials,
        @Nullable CassandraTlsOptions tls)
        implements Serializable {

    public CassandraConnectionOptions {
        Objects.requireNonNull(contactPoints, "contactPoints");
        Objects.requireNonNull(localDatacenter, "localDatacenter");
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("At least one Cassandra contact point (host:port) is required");
        }
        contactPoints.forEach(CassandraConnectionOptions::parseContactPoint);
        contactPoints = List.copyOf(contactPoints);
        if (localDatacenter.isBlank()) {
            throw new IllegalArgumentException(
                    "The Cassandra local datacenter must not be blank (a single node uses 'datacenter1')");
        }
        if (keyspace != null && keyspace.isBlank()) {
            throw new IllegalArgumentException("The Cassandra keyspace must not be blank; leave it unset instead");
        }
    }

    /** The same connection without a session keyspace: what creating the keyspace itself needs. */
    public CassandraConnectionOptions withoutKeyspace() {
        return new CassandraConnectionOptions(contactPoints, localDatacenter, null, credentials, tls);
    }

    /** The contact points resolved to socket addresses, as the driver needs them. */
    public List<InetSocketAddress> contactPointAddresses() {
        return contactPoints.stream()
                .map(CassandraConnectionOptions::parseContactPoint)
                .map(unresolved -> new InetSocketAddress(unresolved.getHostString(), unresolved.getPort()))
                .toList();
    }

    static InetSocketAddress parseContactPoint(String contactPoint) {
        Objects.requireNonNull(contactPoint, "contact point");
        int colon = contactPoint.lastIndexOf(':');
        String host = colon > 0 ? contactPoint.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(contactPoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "Cassandra contact point '" + contactPoint + "' is not host:port with a port in 1..65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}

package org.velibstream.sink.cassandra;

import java.io.Serializable;
import java.util.Objects;

/** Username and password for Cassandra's PasswordAuthenticator. The password never appears in {@link #toString()}. */
public record CassandraCredentials(String username, String password) implements Serializable {

    public CassandraCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isBlank()) {
            throw new IllegalArgumentException("Cassandra username must not be blank");
        }
    }

    @Override
    public String toString() {
        return "CassandraCredentials[username=" + username + ", password=***]";
    }
}

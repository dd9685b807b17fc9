package org.velibstream.source.http.auth;

import java.io.Serializable;
import java.util.Objects;

/** A credential that must never reach a log line or a {@code toString()}. */
public record Secret(String value) implements Serializable {

    public Secret {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("A secret must not be empty");
        }
    }

    @Override
    public String toString() {
        return "Secret[******]";
    }
}

package org.velibstream.sink.cassandra;

import java.io.Serializable;
import java.util.Objects;

/**
 * TLS towards Cassandra: the truststore holding the CA (JKS or PKCS12) and whether the node's certificate must match
 * its host name. The truststore password never appears in {@link #toString()}.
 */
public record CassandraTlsOptions(String truststorePath, String truststorePassword, boolean hostnameVerification)
        implements Serializable {

    public CassandraTlsOptions {
        Objects.requireNonNull(truststorePath, "truststorePath");
        Objects.requireNonNull(truststorePassword, "truststorePassword");
        if (truststorePath.isBlank()) {
            throw new IllegalArgumentException("Cassandra TLS truststore path must not be blank");
        }
    }

    @Override
    public String toString() {
        return "CassandraTlsOptions[truststorePath=" + truststorePath
                + ", truststorePassword=***, hostnameVerification=" + hostnameVerification + "]";
    }
}

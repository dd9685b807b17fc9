package org.velibstream.sink.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens a {@link CqlSession} from {@link CassandraConnectionOptions}: for {@link SharedCassandraSessions}, whose
 * sessions the sink writers share, and for whoever applies a {@link CassandraSchema} or checks access.
 */
public final class CassandraSessionFactory {

    private CassandraSessionFactory() {}

    /**
     * Connects, or fails with the contact points, datacenter and keyspace in the message.
     *
     * @throws CassandraSinkException when the truststore cannot be read or no node accepts the session
     */
    public static CqlSession open(CassandraConnectionOptions options) throws CassandraSinkException {
        // The driver reads its reference.conf through this loader: Flink's user-code loader, not the thread's.
        ClassLoader classLoader = CassandraSessionFactory.class.getClassLoader();
        CqlSessionBuilder builder = CqlSession.builder()
                .withClassLoader(classLoader)
                .withConfigLoader(
                        DriverConfigLoader.programmaticBuilder(classLoader).build())
                .addContactPoints(options.contactPointAddresses())
                .withLocalDatacenter(options.localDatacenter());
        if (options.keyspace() != null) {
            builder.withKeyspace(options.keyspace());
        }
        if (options.credentials() != null) {
            builder.withAuthCredentials(
                    options.credentials().username(), options.credentials().password());
        }
        if (options.tls() != null) {
            builder.withSslEngineFactory(new ProgrammaticSslEngineFactory(
                    sslContext(options.tls()), null, options.tls().hostnameVerification()));
        }
        try {
            return builder.build();
        } catch (RuntimeException e) {
            CassandraErrors.Kind kind = CassandraErrors.classify(e);
            String remedy = kind == CassandraErrors.Kind.PERMANENT
                    ? CassandraErrors.remedy(e)
                    : "Check that Cassandra is running and reachable at these contact points.";
            String message = "Could not open a Cassandra session to " + options.contactPoints() + " (local datacenter '"
                    + options.localDatacenter() + "', keyspace "
                    + (options.keyspace() == null ? "none" : "'" + options.keyspace() + "'")
                    + "): " + CassandraErrors.reason(e) + ". " + remedy;
            throw CassandraSinkException.of(kind, message, e);
        }
    }

    private static SSLContext sslContext(CassandraTlsOptions tls) throws CassandraSinkException {
        Path truststore = Path.of(tls.truststorePath());
        try (InputStream in = Files.newInputStream(truststore)) {
            // The default type (PKCS12) also reads JKS files.
            KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
            keyStore.load(in, tls.truststorePassword().toCharArray());
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new PermanentCassandraSinkException(
                    "Could not load the Cassandra TLS truststore " + truststore + ": " + e.getMessage()
                            + ". Check the truststore path and password.",
                    e);
        }
    }
}

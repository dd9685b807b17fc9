package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures that happen before any connection attempt, so no Cassandra node is needed. */
class CassandraSessionFactoryTest {

    @TempDir
    Path folder;

    @Test
    void aMissingTruststoreIsPermanentAndNamed() {
        Path missing = folder.resolve("missing.p12");

        assertThatThrownBy(() -> CassandraSessionFactory.open(withTls(missing, "changeit")))
                .isInstanceOf(PermanentCassandraSinkException.class)
                .hasMessageContaining("Could not load the Cassandra TLS truststore " + missing)
                .hasMessageContaining("Check the truststore path and password");
    }

    @Test
    void aWrongTruststorePasswordIsPermanentAndNotPrinted() throws Exception {
        Path truststore = folder.resolve("truststore.p12");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        try (OutputStream out = Files.newOutputStream(truststore)) {
            keyStore.store(out, "the-right-password".toCharArray());
        }

        assertThatThrownBy(() -> CassandraSessionFactory.open(withTls(truststore, "a-wrong-password")))
                .isInstanceOf(PermanentCassandraSinkException.class)
                .hasMessageContaining("Check the truststore path and password")
                .hasMessageNotContaining("a-wrong-password");
    }

    private static CassandraConnectionOptions withTls(Path truststore, String password) {
        return new CassandraConnectionOptions(
                List.of("127.0.0.1:9042"),
                "datacenter1",
                null,
                null,
                new CassandraTlsOptions(truststore.toString(), password, true));
    }
}

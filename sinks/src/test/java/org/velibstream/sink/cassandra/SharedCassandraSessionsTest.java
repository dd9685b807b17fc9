package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The registry's counting, with sessions that only know whether they are closed (no server: {@code
 * SharedCassandraSessionsITCase} shares real sessions).
 */
class SharedCassandraSessionsTest {

    private static final CassandraConnectionOptions PARIS =
            new CassandraConnectionOptions(List.of("127.0.0.1:9042"), "datacenter1", "velib", null, null);

    private final List<FakeSession> opened = new ArrayList<>();
    private final SharedCassandraSessions registry = new SharedCassandraSessions(this::open, Duration.ofMillis(200));

    @Nullable
    private RuntimeException nextOpenFailure;

    private boolean closeHangs;

    @Test
    void leasesOfOneConnectionShareOneSessionClosedWithTheLastLease() throws Exception {
        SharedCassandraSessions.Lease first = registry.acquire(PARIS);
        SharedCassandraSessions.Lease second = registry.acquire(copyOf(PARIS));

        assertThat(second.session()).as("the same connection's session").isSameAs(first.session());
        assertThat(registry.sessionsOpened()).isEqualTo(1);

        first.close();
        assertThat(second.session().isClosed())
                .as("still used by the second lease")
                .isFalse();
        assertThat(registry.openSessions()).isEqualTo(1);

        second.close();
        assertThat(second.session().isClosed()).as("closed with the last lease").isTrue();
        assertThat(registry.openSessions()).isZero();
    }

    @Test
    void closingALeaseTwiceReleasesItOnce() throws Exception {
        SharedCassandraSessions.Lease first = registry.acquire(PARIS);
        SharedCassandraSessions.Lease second = registry.acquire(PARIS);

        first.close();
        first.close();

        assertThat(second.session().isClosed())
                .as("a second close of the first lease must not take the second's share")
                .isFalse();
        second.close();
        assertThat(second.session().isClosed()).isTrue();
    }

    @Test
    void everySettingOfTheConnectionIsPartOfTheKey() throws Exception {
        List<CassandraConnectionOptions> others = List.of(
                new CassandraConnectionOptions(List.of("127.0.0.2:9042"), "datacenter1", "velib", null, null),
                new CassandraConnectionOptions(List.of("127.0.0.1:9042"), "datacenter2", "velib", null, null),
                new CassandraConnectionOptions(List.of("127.0.0.1:9042"), "datacenter1", "other", null, null),
                new CassandraConnectionOptions(List.of("127.0.0.1:9042"), "datacenter1", null, null, null),
                withCredentials("velib", "secret"),
                withCredentials("velib", "another-secret"),
                new CassandraConnectionOptions(
                        List.of("127.0.0.1:9042"),
                        "datacenter1",
                        "velib",
                        null,
                        new CassandraTlsOptions("/etc/truststore.p12", "changeit", true)),
                new CassandraConnectionOptions(
                        List.of("127.0.0.1:9042"),
                        "datacenter1",
                        "velib",
                        null,
                        new CassandraTlsOptions("/etc/truststore.p12", "changeit", false)));
        List<SharedCassandraSessions.Lease> leases = new ArrayList<>();
        leases.add(registry.acquire(PARIS));
        for (CassandraConnectionOptions other : others) {
            leases.add(registry.acquire(other));
        }

        assertThat(leases)
                .extracting(SharedCassandraSessions.Lease::session)
                .as("one session per distinct connection")
                .doesNotHaveDuplicates();
        assertThat(registry.acquire(withCredentials("velib", "secret")).session())
                .as("equal settings, another instance")
                .isSameAs(leases.get(5).session());
    }

    @Test
    void aFailedOpenIsNotKeptAndTheNextAcquireRetries() throws Exception {
        nextOpenFailure = new IllegalStateException("no node answered");

        assertThatThrownBy(() -> registry.acquire(PARIS)).hasMessage("no node answered");
        assertThat(registry.openSessions()).isZero();

        try (SharedCassandraSessions.Lease lease = registry.acquire(PARIS)) {
            assertThat(lease.session().isClosed()).isFalse();
            assertThat(registry.sessionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void aSessionClosedBehindTheRegistrysBackIsReplacedAndItsLeasesStillCount() throws Exception {
        SharedCassandraSessions.Lease old = registry.acquire(PARIS);
        old.session().close();

        SharedCassandraSessions.Lease fresh = registry.acquire(PARIS);
        assertThat(fresh.session()).isNotSameAs(old.session());
        old.close();

        assertThat(fresh.session().isClosed())
                .as("releasing the old lease leaves the new session alone")
                .isFalse();
        fresh.close();
        assertThat(registry.openSessions()).isZero();
    }

    @Test
    void aSessionThatDoesNotCloseInTimeIsForced() throws Exception {
        closeHangs = true;
        SharedCassandraSessions.Lease lease = registry.acquire(PARIS);

        long start = System.nanoTime();
        lease.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(opened.get(0).forced).isTrue();
        assertThat(registry.openSessions()).isZero();
    }

    @Test
    void concurrentWritersOpeningAndClosingLeaveNothingOpen() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int writer = 0; writer < 8; writer++) {
                runs.add(writers.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        try (SharedCassandraSessions.Lease lease = registry.acquire(PARIS)) {
                            assertThat(lease.session().isClosed())
                                    .as("a leased session is open")
                                    .isFalse();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(registry.openSessions()).isZero();
        assertThat(opened).allSatisfy(session -> assertThat(session.closed).isTrue());
    }

    private synchronized CqlSession open(CassandraConnectionOptions options) {
        if (nextOpenFailure != null) {
            RuntimeException failure = nextOpenFailure;
            nextOpenFailure = null;
            throw failure;
        }
        FakeSession fake = new FakeSession(closeHangs);
        opened.add(fake);
        return fake.proxy;
    }

    private static CassandraConnectionOptions withCredentials(String username, String password) {
        return new CassandraConnectionOptions(
                List.of("127.0.0.1:9042"), "datacenter1", "velib", new CassandraCredentials(username, password), null);
    }

    private static CassandraConnectionOptions copyOf(CassandraConnectionOptions options) {
        return new CassandraConnectionOptions(
                new ArrayList<>(options.contactPoints()),
                options.localDatacenter(),
                options.keyspace(),
                options.credentials(),
                options.tls());
    }

    /** A {@link CqlSession} answering only the calls the registry makes: isClosed, close and its async forms. */
    private static final class FakeSession {
        volatile boolean closed;
        volatile boolean forced;
        final CqlSession proxy;

        FakeSession(boolean closeHangs) {
            AtomicBoolean hangs = new AtomicBoolean(closeHangs);
            proxy = (CqlSession) Proxy.newProxyInstance(
                    CqlSession.class.getClassLoader(),
                    new Class<?>[] {CqlSession.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "isClosed" -> closed;
                        case "close" -> {
                            closed = true;
                            yield null;
                        }
                        case "closeAsync" -> {
                            if (hangs.get()) {
                                yield new CompletableFuture<Void>();
                            }
                            closed = true;
                            yield CompletableFuture.completedFuture(null);
                        }
                        case "forceCloseAsync" -> {
                            forced = true;
                            closed = true;
                            yield CompletableFuture.completedFuture(null);
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        case "toString" -> "FakeSession@" + Integer.toHexString(System.identityHashCode(self));
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}

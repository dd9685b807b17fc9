package org.velibstream.sink.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link CqlSession} per distinct connection, shared by every Cassandra sink writer of the JVM and closed when
 * the last of them releases it. A driver session holds connection pools, timers and an event loop of its own and is
 * made to be shared (the driver warns from 4 sessions on): a job with three Cassandra sinks at parallelism 2 would
 * otherwise open six sessions per TaskManager.
 *
 * <p>Sessions are keyed on the whole {@link CassandraConnectionOptions}, an immutable value: contact points, local
 * datacenter, keyspace (the session's {@code USE}), credentials and TLS settings. Writers with different settings
 * never share a session; writers with the same ones always do.
 *
 * <p>{@link #shared()} is a static holder, so its scope is the class loader that loaded this class: on a Flink
 * session cluster that is the job's user-code class loader, i.e. one registry per job per TaskManager (jobs do not
 * share sessions, and a finished job leaves none behind); on a MiniCluster it is the test's JVM.
 *
 * <p>Thread-safe; it runs no thread of its own. A session is opened while holding the registry's lock, so writers
 * asking for the same connection wait for that one session instead of each opening their own; a session whose opening
 * fails is not kept, and the next {@link #acquire} tries again.
 */
public final class SharedCassandraSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SharedCassandraSessions.class);

    /** How long the last release waits for the driver's orderly close before forcing it. */
    static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final SharedCassandraSessions SHARED =
            new SharedCassandraSessions(CassandraSessionFactory::open, DEFAULT_CLOSE_TIMEOUT);

    /** Opens a session; {@link CassandraSessionFactory#open} outside tests. */
    @FunctionalInterface
    interface SessionOpener {
        CqlSession open(CassandraConnectionOptions options) throws CassandraSinkException;
    }

    private final SessionOpener opener;
    private final Duration closeTimeout;
    private final Map<CassandraConnectionOptions, SharedSession> sessions = new HashMap<>();
    private long sessionsOpened;

    SharedCassandraSessions(SessionOpener opener, Duration closeTimeout) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    /** The registry of this class loader (see the class comment), which the sink writers use. */
    public static SharedCassandraSessions shared() {
        return SHARED;
    }

    /**
     * The session for {@code options}, opened if no lease holds one; release it by closing the lease.
     *
     * @throws CassandraSinkException when the session cannot be opened (nothing is kept, the next call retries)
     */
    public synchronized Lease acquire(CassandraConnectionOptions options) throws CassandraSinkException {
        Objects.requireNonNull(options, "options");
        SharedSession shared = sessions.get(options);
        if (shared != null && shared.session.isClosed()) {
            // Closed behind the registry's back: its leases keep counting on it, new ones get a new session.
            sessions.remove(options);
            shared = null;
        }
        if (shared == null) {
            shared = new SharedSession(options, opener.open(options));
            sessions.put(options, shared);
            sessionsOpened++;
            LOG.info("Opened a Cassandra session shared by this job's sinks: {}", describe(options));
        }
        shared.leases++;
        return new Lease(shared);
    }

    /** Sessions open now (each shared by one or more leases). */
    public synchronized int openSessions() {
        return sessions.size();
    }

    /** Sessions opened since this registry was created: how a test sees that writers shared one. */
    public synchronized long sessionsOpened() {
        return sessionsOpened;
    }

    private void release(SharedSession shared) {
        synchronized (this) {
            shared.leases--;
            if (shared.leases > 0) {
                return;
            }
            sessions.remove(shared.options, shared);
        }
        // Closed outside the lock: a slow close must not hold up writers acquiring other sessions.
        close(shared);
    }

    private void close(SharedSession shared) {
        try {
            shared.session.closeAsync().toCompletableFuture().get(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Closed the shared Cassandra session ({}): its last sink closed", describe(shared.options));
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn(
                    "The shared Cassandra session ({}) did not close in {}, forcing it: {}",
                    describe(shared.options),
                    closeTimeout,
                    e.toString());
            shared.session.forceCloseAsync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shared.session.forceCloseAsync();
        }
    }

    /** The connection without its secrets: contact points, datacenter, keyspace, user name, TLS or not. */
    private static String describe(CassandraConnectionOptions options) {
        return options.contactPoints() + ", local datacenter '" + options.localDatacenter() + "', keyspace "
                + (options.keyspace() == null ? "none" : "'" + options.keyspace() + "'")
                + (options.credentials() == null
                        ? ""
                        : ", user '" + options.credentials().username() + "'")
                + (options.tls() == null ? "" : ", TLS");
    }

    /** A session and how many leases hold it; guarded by the registry's lock. */
    private static final class SharedSession {
        final CassandraConnectionOptions options;
        final CqlSession session;
        int leases;

        SharedSession(CassandraConnectionOptions options, CqlSession session) {
            this.options = options;
            this.session = session;
        }
    }

    /** One holder's share of a session. Closing it releases that share once, however often it is called. */
    public final class Lease implements AutoCloseable {

        private final SharedSession shared;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(SharedSession shared) {
            this.shared = shared;
        }

        /** The shared session: never close it directly, close the lease. */
        public CqlSession session() {
            return shared.session;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(shared);
            }
        }
    }
}

package org.velibstream.job;

import static org.velibstream.source.http.TestHttpServer.respond;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A real HTTP server on 127.0.0.1 serving one document at {@code /feed.json}, that can go down the ways a real
 * endpoint does, on the same port: closed (connections are refused), answering 503, or hanging (it accepts the
 * request and never answers).
 */
final class FeedOutageServer implements AutoCloseable {

    enum Phase {
        UP,
        REFUSING,
        UNAVAILABLE,
        HANGING
    }

    private final Supplier<String> document;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final int port;
    private final AtomicInteger requestsInPhase = new AtomicInteger();
    private volatile Phase phase = Phase.UP;
    private volatile CountDownLatch hangUntil = new CountDownLatch(0);
    private HttpServer server;

    FeedOutageServer(Supplier<String> document) throws IOException {
        this.document = document;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/feed.json");
    }

    /** How many requests reached the server since the phase began. */
    int requestsInPhase() {
        return requestsInPhase.get();
    }

    synchronized void enter(Phase next) throws IOException {
        if (phase == Phase.HANGING) {
            hangUntil.countDown();
        }
        if (next == Phase.HANGING) {
            hangUntil = new CountDownLatch(1);
        }
        if (next == Phase.REFUSING && server != null) {
            server.stop(0);
            server = null;
        } else if (next != Phase.REFUSING && server == null) {
            server = listen(port);
        }
        requestsInPhase.set(0);
        phase = next;
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        created.setExecutor(executor);
        created.createContext("/feed.json", this::handle);
        created.start();
        return created;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            requestsInPhase.incrementAndGet();
            switch (phase) {
                case UP -> respond(exchange, 200, document.get());
                case UNAVAILABLE -> respond(exchange, 503, "down for maintenance");
                case HANGING -> hang();
                case REFUSING -> respond(exchange, 500, ""); // Cannot happen: nothing listens.
            }
        }
    }

    private void hang() {
        try {
            hangUntil.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        hangUntil.countDown();
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

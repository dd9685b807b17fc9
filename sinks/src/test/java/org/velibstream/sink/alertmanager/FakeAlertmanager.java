package org.velibstream.sink.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/** An HTTP server on loopback that records the bodies posted to /api/v2/alerts and answers the statuses queued. */
final class FakeAlertmanager implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> posts = new ArrayList<>();
    private final Deque<Integer> statuses = new ConcurrentLinkedDeque<>();
    private final ObjectMapper json = new ObjectMapper();

    FakeAlertmanager() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/alerts", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer queued = statuses.poll();
            int status = queued == null ? 200 : queued;
            if (status == 200) {
                synchronized (posts) {
                    posts.add(json.readTree(body));
                }
            }
            byte[] answer = (status == 200 ? "" : "refused with " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next answers, before the default 200. */
    void answer(Integer... nextStatuses) {
        statuses.addAll(List.of(nextStatuses));
    }

    /** Each accepted POST's JSON array. */
    List<JsonNode> posts() {
        synchronized (posts) {
            return List.copyOf(posts);
        }
    }

    /** Every alert of every accepted POST, in order. */
    List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        posts().forEach(post -> post.forEach(alerts::add));
        return alerts;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package org.velibstream.source.http.reader;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/** Accepts connections on 127.0.0.1, reads the start of the request and answers with a TCP reset. */
final class ResettingServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final Thread acceptor;

    ResettingServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::resetEveryConnection, "resetting-server");
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + "/reset");
    }

    private void resetEveryConnection() {
        while (!serverSocket.isClosed()) {
            try (Socket socket = serverSocket.accept()) {
                socket.getInputStream().read(new byte[64]);
                // Linger 0 makes close() send RST instead of FIN.
                socket.setSoLinger(true, 0);
            } catch (IOException closedOrBroken) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

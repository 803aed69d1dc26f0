package io.sessionplane.session.feed;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that asks for the stream, reads the response head and then stops reading: a raw socket with a small
 * receive buffer, so the server's writes back up quickly.
 */
final class StalledReader implements AutoCloseable {
    private final Socket socket;
    private final String statusLine;

    private StalledReader(Socket socket, String statusLine) {
        this.socket = socket;
        this.statusLine = statusLine;
    }

    static StalledReader open(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", RestAssured.port), 10_000);
        socket.getOutputStream().write(("GET /rest/inventory/v1/session-events HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return new StalledReader(socket, line.toString(StandardCharsets.US_ASCII).trim());
    }

    String statusLine() {
        return statusLine;
    }

    /** Resumes reading: true when the server ended the connection (end of stream or reset) within the timeout. */
    boolean readToEnd(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] buffer = new byte[64 * 1024];
        InputStream in = socket.getInputStream();
        try {
            while (in.read(buffer) >= 0) {
                // discard what the server had queued before it gave up
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

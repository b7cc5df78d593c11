package io.warden.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client over a plain socket that sends bytes exactly as given, malformed ones included
 * (the JDK client refuses bad targets and headers before they leave), and reads one response. One
 * keep-alive connection, reopened when the server closes it.
 */
final class RawHttp implements AutoCloseable {

    record Response(int status, Map<String, String> headers, byte[] body, boolean closed) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;
    private final int timeoutMs;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(int port, int timeoutMs) {
        this.port = port;
        this.timeoutMs = timeoutMs;
    }

    /** Sends {@code request} (a whole request, head and body) and reads the answer. */
    Response exchange(byte[] request, boolean head) throws IOException {
        if (socket == null || socket.isClosed()) {
            open();
        }
        try {
            out.write(request);
            out.flush();
            return read(head);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
        socket.setSoTimeout(timeoutMs);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private Response read(boolean head) throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
        }
        byte[] body;
        String length = headers.get("content-length");
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else {
            body = in.readAllBytes(); // ends with the connection
        }
        boolean http10 = parts[0].equals("HTTP/1.0") && !"keep-alive".equalsIgnoreCase(headers.get("connection"));
        boolean closed = http10 || "close".equalsIgnoreCase(headers.get("connection")) || length == null
                && !"chunked".equalsIgnoreCase(headers.get("transfer-encoding")) && !head;
        if (closed) {
            close();
        }
        return new Response(status, headers, body, closed);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line();
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c == -1 && b.size() == 0) {
            throw new IOException("connection closed before a response line");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do about a socket that will not close
            }
            socket = null;
        }
    }
}

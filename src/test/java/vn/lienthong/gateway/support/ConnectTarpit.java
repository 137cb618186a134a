package vn.lienthong.gateway.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A national system that cannot be connected to in time: a listening port whose accept queue is full and
 * which accepts nothing, so a new connection hangs in the handshake (the kernel drops its SYN) until the
 * client's connect timeout, or for minutes without one.
 */
public final class ConnectTarpit implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> queued = new ArrayList<>();

    public ConnectTarpit() {
        try {
            // backlog 1: the kernel queues at most two unaccepted connections and drops further SYNs
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            fill();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fill() throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
                queued.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue of port " + server.getLocalPort() + " did not fill");
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    @Override
    public void close() throws IOException {
        for (Socket s : queued) {
            s.close();
        }
        server.close();
    }
}

package dev.chattoken.sidecar.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTPS proxy for tests: it answers {@code CONNECT host:port} by opening a tunnel to one fixed local port
 * (the fake vendor's HTTPS port, whatever host was asked for) and records each CONNECT line.
 */
public final class ConnectProxy implements AutoCloseable {

    private final Vertx vertx;
    private final NetServer server;
    private final List<String> connects = new CopyOnWriteArrayList<>();

    public ConnectProxy(Vertx vertx, int targetPort) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createNetServer().connectHandler(client -> tunnel(client, targetPort));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    /** The CONNECT request lines received. */
    public List<String> connects() {
        return List.copyOf(connects);
    }

    private void tunnel(NetSocket client, int targetPort) {
        Buffer head = Buffer.buffer();
        client.pause();
        client.handler(data -> {
            head.appendBuffer(data);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            client.handler(null);
            client.pause();
            connects.add(text.substring(0, text.indexOf("\r\n")));
            vertx.createNetClient()
                    .connect(targetPort, "127.0.0.1")
                    .onSuccess(target -> {
                        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
                        client.pipeTo(target);
                        target.pipeTo(client);
                        client.resume();
                    })
                    .onFailure(e -> client.end(Buffer.buffer("HTTP/1.1 502 Bad Gateway\r\n\r\n")));
        });
        client.resume();
    }

    @Override
    public void close() {
        server.close();
    }
}

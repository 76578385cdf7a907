package io.tongxing.app.android;

import com.sun.net.httpserver.HttpServer;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsRejectedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * For the screenshots only: the region's {@code POST /api/v1/device/id-checks} as the contract answers it, signed
 * by the test data's trust key for the request's own {@code jti} (the journeys use the real server). Every number
 * is answered with {@code code}.
 */
final class IdCheckStandIn {
    private IdCheckStandIn() {
    }

    static HttpServer start(String code) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/device/id-checks", exchange -> {
            String proof = exchange.getRequestHeaders().getFirst("Authorization").substring("TX-Device ".length());
            String jti;
            try {
                jti = (String) CompactJws.parse(proof).unverifiedClaims().get("jti");
            } catch (JwsRejectedException e) {
                throw new IOException(e);
            }
            byte[] answer = ("{\"answer\":\"" + TongzhouCheckpoint.idCheckAnswer(TongzhouCheckpoint.TRUST_KEY, jti,
                    Optional.of(code)) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }
}

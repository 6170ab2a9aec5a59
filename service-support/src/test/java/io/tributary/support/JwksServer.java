package io.tributary.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An identity provider's key endpoints on a real local HTTP server: the public JWK set at
 * {@code /jwks.json} and an OpenID Connect discovery document that points to it.
 */
final class JwksServer implements AutoCloseable {

    private final HttpServer server;

    JwksServer(List<JWK> keys) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String jwks = new JWKSet(keys).toPublicJWKSet().toString();
        server.createContext("/jwks.json", exchange -> answer(exchange, jwks));
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange,
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + jwkSetUri() + "\","
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"],"
                        + "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"]}"));
        server.start();
    }

    /** The issuer identifier; its discovery document is under it. */
    String issuer() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    String jwkSetUri() {
        return issuer() + "/jwks.json";
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.tributary.support;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A service with two endpoints, to try the shared security and error handling over real HTTP. */
@SpringBootApplication
class SupportTestApplication {

    @RestController
    static class EchoController {

        @GetMapping("/api/whoami")
        Map<String, String> whoami(@AuthenticationPrincipal Jwt jwt) {
            return Map.of("user", jwt.getSubject());
        }

        @PostMapping("/api/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }

        @GetMapping("/api/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }
    }
}

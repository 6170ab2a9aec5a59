package io.tributary.support.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * JSON errors everywhere: the advice covers controllers, and these error attributes make the
 * framework's own answers (unknown path, wrong method) the same {@code {"error": "..."}} shape.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(ApiErrorAdvice.class)
public class JsonErrorsAutoConfiguration {

    @Bean
    ErrorAttributes tributaryErrorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
                Map<String, Object> defaults = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", defaults.get("status"));
                body.put("error", defaults.getOrDefault("error", "Error"));
                return body;
            }
        };
    }
}

package io.tributary.support.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web origins may call the services from a browser (CORS).
 *
 * @param allowedOrigins exact origins such as {@code https://chat.example.com} ({@code *} allows any);
 *     empty by default: no CORS header is ever sent and every preflight is refused, so a browser page of
 *     another origin can call nothing until an operator names it
 */
@ConfigurationProperties("tributary.security.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {
}

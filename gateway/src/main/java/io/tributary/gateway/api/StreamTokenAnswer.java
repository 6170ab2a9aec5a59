package io.tributary.gateway.api;

/**
 * {@code {"token": ..., "expiresAt": "<ISO-8601>", "streamUrl": ...}}: a stream token, when it stops
 * opening its stream, and the stream's URL with the token in it, ready for {@code new EventSource(...)}.
 */
record StreamTokenAnswer(String token, String expiresAt, String streamUrl) {
}

package io.tributary.gateway.streams;

import java.util.Locale;

/** What a stream's content type means to the protocol: JSON mode, and how SSE carries its data. */
final class ContentTypes {

    /** A stream created without a content type holds bytes. */
    static final String DEFAULT = "application/octet-stream";
    static final String JSON = "application/json";

    private ContentTypes() {
    }

    /** The media type alone, lower case, without parameters: what two content types are compared by. */
    static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    static boolean isJson(String contentType) {
        return mediaType(contentType).equals(JSON);
    }

    /** SSE lines carry text: anything but text and JSON goes as base64. */
    static boolean needsBase64(String contentType) {
        String type = mediaType(contentType);
        return !type.startsWith("text/") && !type.equals(JSON);
    }
}

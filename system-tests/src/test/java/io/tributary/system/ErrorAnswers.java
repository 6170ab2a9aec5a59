package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;

/**
 * What every refusal of Tributary must look like: the expected 4xx status, a JSON body
 * {@code {"error": "..."}}, and nothing of the server's insides (no stack trace, no exception name).
 */
final class ErrorAnswers {

    private ErrorAnswers() {
    }

    /** Checks the refusal and returns its {@code error} text. */
    static String assertError(HttpResponse<String> response, int status) {
        String request = response.request().method() + " " + response.uri();
        assertThat(response.statusCode()).as("%s answered %s", request, response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("content type of %s", request)
                .hasValueSatisfying(type -> assertThat(type).contains("json"));
        JsonNode body = TributaryClient.JSON.readTree(response.body());
        assertThat(body.isObject()).as("body of %s: %s", request, response.body()).isTrue();
        String error = body.path("error").asString("");
        assertThat(error).as("error of %s: %s", request, response.body()).isNotBlank();
        assertNoInsides(response);
        return error;
    }

    /** No 5xx, and whatever the answer, nothing of the server's insides in it. */
    static void assertNotServerError(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s %s answered %s", response.request().method(), response.uri(),
                response.body()).isLessThan(500);
        assertNoInsides(response);
    }

    /** Neither the body nor any header holds {@code secret}. */
    static void assertNotEchoed(HttpResponse<String> response, String secret) {
        assertThat(response.body()).as("body of %s %s", response.request().method(), response.uri())
                .doesNotContain(secret);
        response.headers().map().forEach((name, values) -> assertThat(values).as("header %s", name)
                .noneMatch(value -> value.contains(secret)));
    }

    private static void assertNoInsides(HttpResponse<String> response) {
        assertThat(response.body()).as("body of %s %s", response.request().method(), response.uri())
                .doesNotContain("Exception", "\tat ", "\"trace\"");
    }
}

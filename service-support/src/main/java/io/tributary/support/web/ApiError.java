package io.tributary.support.web;

/** The body of every error answer: {@code {"error": "..."}}, as the original API had it. */
public record ApiError(String error) {
}

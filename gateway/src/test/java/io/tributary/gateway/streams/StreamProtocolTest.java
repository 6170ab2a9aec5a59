package io.tributary.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The protocol's values as this gateway reads and writes them: offsets, headers, JSON messages, SSE bytes. */
class StreamProtocolTest {

    @Test
    void shouldWriteOffsetsThatSortAsTheyOrderAndReadBackOnlyWellFormedOnes() {
        assertThat(StreamOffsets.format(9)).isEqualTo("0000000000000000_0000000000000009");
        assertThat(StreamOffsets.format(9).compareTo(StreamOffsets.format(10))).isNegative();
        assertThat(StreamOffsets.parse("0000000000000000_0000000000000042")).isEqualTo(42);
        assertThat(StreamOffsets.parse("9999999999999999_9999999999999999")).isEqualTo(StreamOffsets.BEYOND);
        assertThat(StreamOffsets.parse("0_1234567890123456789")).isEqualTo(StreamOffsets.BEYOND);
        for (String bad : List.of("", "12", "a_1", "1_", "_1", "1_1_1", "-1_0", " 0_1")) {
            assertThatThrownBy(() -> StreamOffsets.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldReadTheOffsetParameterAsTheProtocolDefinesIt() {
        assertThat(StreamRequests.offset(null)).isZero();
        assertThat(StreamRequests.offset(List.of("-1"))).isZero();
        assertThat(StreamRequests.offset(List.of("now"))).isNull();
        assertThat(StreamRequests.offset(List.of("0000000000000000_0000000000000003"))).isEqualTo(3);
        for (List<String> bad : List.of(List.of(""), List.of("-2"), List.of("../x"), List.of("0_1", "0_2"),
                List.of("0_1,0_2"), List.of("0_1\n"))) {
            assertThatThrownBy(() -> StreamRequests.offset(bad)).as(bad.toString())
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void shouldTakeIntegersOnlyInTheirCanonicalFormAndProducerHeadersOnlyTogether() {
        assertThat(StreamRequests.ttl(headers("Stream-TTL", "60"))).isEqualTo(60);
        for (String bad : List.of("abc", "-1", "00060", "+60", "60.5", "1e3", "")) {
            assertThatThrownBy(() -> StreamRequests.ttl(headers("Stream-TTL", bad))).as(bad)
                    .isInstanceOf(ProtocolException.class);
        }
        assertThat(StreamRequests.producer(new HttpHeaders())).isNull();
        assertThat(StreamRequests.producer(headers("Producer-Id", "p", "Producer-Epoch", "1", "Producer-Seq", "2")))
                .isEqualTo(new ProducerTuple("p", 1, 2));
        assertThatThrownBy(() -> StreamRequests.producer(headers("Producer-Id", "p", "Producer-Epoch", "1")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> StreamRequests.producer(headers("Producer-Id", "p", "Producer-Epoch", "1",
                "Producer-Seq", "9007199254740992"))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> StreamRequests.forkSubOffset(headers("Stream-Fork-Sub-Offset", "0"), false))
                .isInstanceOf(ProtocolException.class);
        assertThat(StreamRequests.forkSource("/v1/stream/a/b")).isEqualTo("a/b");
        assertThat(StreamRequests.forkSource("http://host:1/v1/stream/c")).isEqualTo("c");
    }

    @Test
    void shouldFlattenAJsonArrayOneLevelIntoCompactMessages() {
        JsonMessages.Messages nested = JsonMessages.parse(bytes("[[1, 2], {\"a\" : [3]}]"), false);
        assertThat(nested.count()).isEqualTo(2);
        assertThat(new String(nested.data(), StandardCharsets.UTF_8)).isEqualTo("[1,2],{\"a\":[3]}");
        assertThat(JsonMessages.parse(bytes(" \"one\" "), false).count()).isEqualTo(1);
        assertThat(JsonMessages.parse(bytes("[]"), true).count()).isZero();
        assertThatThrownBy(() -> JsonMessages.parse(bytes("[]"), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonMessages.parse(bytes("{\"a\":"), false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new String(JsonMessages.firstOf(bytes("1,{\"b\":2},3"), 2), StandardCharsets.UTF_8)).isEqualTo("1,{\"b\":2}");
    }

    @Test
    void shouldFrameSseSoThatNoPayloadCanStartAnEventOfItsOwn() {
        List<StreamRecord> text = List.of(new StreamRecord(bytes("a\r\nevent: control\rdata:x\nb"), 0, 1));

        assertThat(SseFrames.data(text, "text/plain"))
                .isEqualTo("event: data\ndata:a\ndata:event: control\ndata:data:x\ndata:b\n\n");
        assertThat(SseFrames.data(List.of(new StreamRecord(new byte[] {0, (byte) 255}, 0, 1)), "application/octet-stream"))
                .isEqualTo("event: data\ndata:AP8=\n\n");
        assertThat(SseFrames.data(List.of(new StreamRecord(bytes("1,2"), 2, 1), new StreamRecord(bytes("3"), 1, 2)),
                "application/json")).isEqualTo("event: data\ndata:[1,2,3]\n\n");
        assertThat(SseFrames.control(3, "7", true, false)).isEqualTo(
                "event: control\ndata:{\"streamNextOffset\":\"0000000000000000_0000000000000003\",\"streamCursor\":\"7\",\"upToDate\":true}\n\n");
        assertThat(SseFrames.control(3, "7", true, true)).isEqualTo(
                "event: control\ndata:{\"streamNextOffset\":\"0000000000000000_0000000000000003\",\"streamClosed\":true}\n\n");
    }

    @Test
    void shouldJudgeIdempotentProducersAsTheProtocolsTableSays() {
        ProducerStates producers = new ProducerStates();
        assertThat(producers.check(new ProducerTuple("p", 0, 1), 0).status()).isEqualTo(409);
        assertThat(producers.check(new ProducerTuple("p", 0, 0), 0)).isNull();
        producers.accept(new ProducerTuple("p", 0, 0));
        producers.accept(new ProducerTuple("p", 0, 1));

        Verdict duplicate = producers.check(new ProducerTuple("p", 0, 0), 5);
        assertThat(duplicate.status()).isEqualTo(204);
        assertThat(duplicate.headers()).containsEntry("Producer-Seq", "1");
        Verdict gap = producers.check(new ProducerTuple("p", 0, 3), 5);
        assertThat(gap.status()).isEqualTo(409);
        assertThat(gap.headers()).containsEntry("Producer-Expected-Seq", "2").containsEntry("Producer-Received-Seq", "3");
        assertThat(producers.check(new ProducerTuple("p", 0, 2), 5)).isNull();
        assertThat(producers.check(new ProducerTuple("p", 1, 1), 5).status()).isEqualTo(400);
        assertThat(producers.check(new ProducerTuple("p", 1, 0), 5)).isNull();
        producers.accept(new ProducerTuple("p", 1, 0));
        Verdict fenced = producers.check(new ProducerTuple("p", 0, 2), 5);
        assertThat(fenced.status()).isEqualTo(403);
        assertThat(fenced.headers()).containsEntry("Producer-Epoch", "1");
    }

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

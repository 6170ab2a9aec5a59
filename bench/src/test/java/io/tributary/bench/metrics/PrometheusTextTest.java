package io.tributary.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The figures a step takes from a service's Prometheus text. */
class PrometheusTextTest {

    private static final String TEXT = """
            # HELP kafka_consumer_fetch_manager_records_lag_max The maximum lag
            # TYPE kafka_consumer_fetch_manager_records_lag_max gauge
            kafka_consumer_fetch_manager_records_lag_max{client_id="p-StreamThread-1-consumer",kafka_version="4.1.2"} 12.0
            kafka_consumer_fetch_manager_records_lag_max{client_id="p-StreamThread-2-consumer",kafka_version="4.1.2"} 40.0
            kafka_consumer_fetch_manager_records_lag_max{client_id="p-global-consumer",kafka_version="4.1.2"} 900.0
            kafka_consumer_fetch_manager_records_lag_max{client_id="p-restore-consumer",kafka_version="4.1.2"} NaN
            tributary_processor_fold_lag_seconds_count 3935
            tributary_processor_fold_lag_seconds_sum 1453.656
            tributary_ingest_jobs_started_total{mode="background"} 5.0
            tributary_ingest_jobs_started_total{mode="foreground"} 2.0
            """;

    @Test
    void shouldSumEverySeriesOfAMetric() {
        PrometheusText scrape = PrometheusText.parse(TEXT);

        assertThat(scrape.sum("tributary_ingest_jobs_started_total")).isEqualTo(7.0);
        assertThat(scrape.sum("tributary_processor_fold_lag_seconds_count")).isEqualTo(3935.0);
        assertThat(scrape.sum("tributary_gateway_tail_lag")).isNaN();
    }

    @Test
    void shouldTakeTheLargestOfTheSeriesWhoseLabelsMatch() {
        PrometheusText scrape = PrometheusText.parse(TEXT);

        assertThat(scrape.max("kafka_consumer_fetch_manager_records_lag_max", "StreamThread")).isEqualTo(40.0);
        assertThat(scrape.max("kafka_consumer_fetch_manager_records_lag_max", "restore")).isNaN();
        assertThat(PrometheusText.EMPTY.sum("tributary_processor_fold_lag_seconds_count")).isNaN();
    }

    @Test
    void shouldReadALabelOfASeries() {
        PrometheusText.Series series = PrometheusText.parse(TEXT).series("kafka_consumer_fetch_manager_records_lag_max")
                .get(0);

        assertThat(series.label("client_id")).isEqualTo("p-StreamThread-1-consumer");
        assertThat(series.label("kafka_version")).isEqualTo("4.1.2");
        assertThat(series.label("le")).isEmpty();
    }
}

package io.hybridrouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.JobValidator;
import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.testing.FakeSqs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobProducerTest {

    private static JobProducer producer(FakeSqs sqs) {
        return new JobProducer(sqs, "https://sqs.example/q", new Backoff(3, 0, 0), ms -> { },
                new JobValidator(() -> "generated"));
    }

    private static String job(String id) {
        return "{\"job_id\":\"" + id + "\",\"workload_type\":\"data_etl\",\"payload_size_kb\":1,"
                + "\"time_window\":\"night\",\"load_pattern\":\"low_load\"}";
    }

    @Test
    void sendsValidJobsInBatchesOfTenWithAttributesAndRejectsInvalidOnes() {
        FakeSqs sqs = new FakeSqs();
        List<String> docs = new ArrayList<>(IntStream.range(0, 23).mapToObj(i -> job("j" + i)).toList());
        docs.add(5, "{\"workload_type\":\"\"}");
        List<Integer> progress = new ArrayList<>();
        List<JobProducer.Result> results = producer(sqs).sendRaw(docs, progress::add);

        assertThat(results).hasSize(24);
        assertThat(results.get(5).status()).isEqualTo(JobProducer.Status.REJECTED);
        assertThat(results.get(5).errors()).anyMatch(e -> e.startsWith("workload_type:"));
        assertThat(results.stream().filter(r -> r.status() == JobProducer.Status.SENT)).hasSize(23);
        assertThat(results.get(0).messageId()).startsWith("msg-");
        assertThat(sqs.calls()).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(sqs.accepted().get(0).messageAttributes().get("workload_type").stringValue()).isEqualTo("data_etl");
        assertThat(sqs.accepted().get(0).messageAttributes().get("job_id").stringValue()).isEqualTo("j0");
        assertThat(progress).last().isEqualTo(24);
    }

    @Test
    void bodyIsTheValidatedJobWithItsGeneratedId() {
        FakeSqs sqs = new FakeSqs();
        producer(sqs).sendRaw(List.of("{\"workload_type\":\"x\",\"payload_size_kb\":2,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\",\"extra\":1}"), n -> { });
        assertThat(Json.read(sqs.accepted().get(0).messageBody()).get("job_id").asText()).isEqualTo("generated");
        assertThat(Json.read(sqs.accepted().get(0).messageBody()).has("extra")).isFalse();
    }

    @Test
    void resendsOnlyEntriesThatFailedTransiently() {
        int[] tries = new int[1];
        FakeSqs sqs = new FakeSqs().failTransientlyWhere(e -> e.messageBody().contains("\"j2\"") && tries[0]++ == 0);
        List<JobProducer.Result> results = producer(sqs).sendRaw(
                IntStream.range(0, 4).mapToObj(i -> job("j" + i)).toList(), n -> { });
        assertThat(results).allMatch(r -> r.status() == JobProducer.Status.SENT);
        assertThat(sqs.calls()).extracting(List::size).containsExactly(4, 1);
    }

    @Test
    void doesNotResendSenderFaultsAndReportsWhatStillFailed() {
        FakeSqs sqs = new FakeSqs().rejectWhere(e -> e.messageBody().contains("\"j1\""))
                .failTransientlyWhere(e -> e.messageBody().contains("\"j2\""));
        List<JobProducer.Result> results = producer(sqs).sendRaw(
                IntStream.range(0, 3).mapToObj(i -> job("j" + i)).toList(), n -> { });
        assertThat(results.get(0).status()).isEqualTo(JobProducer.Status.SENT);
        assertThat(results.get(1).status()).as("refused as it is: sending it again cannot help")
                .isEqualTo(JobProducer.Status.REJECTED);
        assertThat(results.get(1).errors()).containsExactly("job: the queue refused it (InvalidMessageContents: simulated)");
        assertThat(results.get(2).status()).isEqualTo(JobProducer.Status.FAILED);
        assertThat(results.get(2).errors()).containsExactly("InternalError: simulated");
        assertThat(sqs.calls()).extracting(List::size).containsExactly(3, 1, 1);
    }

    @Test
    void retriesWholeCallsAndGivesUpAfterTheLastTry() {
        FakeSqs flaky = new FakeSqs().failNextCalls(2);
        assertThat(producer(flaky).sendRaw(List.of(job("a")), n -> { }).get(0).status())
                .isEqualTo(JobProducer.Status.SENT);
        FakeSqs down = new FakeSqs().failNextCalls(99);
        JobProducer.Result r = producer(down).sendRaw(List.of(job("a")), n -> { }).get(0);
        assertThat(r.status()).isEqualTo(JobProducer.Status.FAILED);
        assertThat(r.errors().get(0)).contains("Service unavailable");
    }

    @Test
    void rejectsAJobTooLargeForOneMessageAndSplitsBatchesByBytes() {
        FakeSqs sqs = new FakeSqs();
        String big = "{\"job_id\":\"big\",\"workload_type\":\"x\",\"payload_size_kb\":1,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\",\"payload\":\"" + "b".repeat(1_100_000) + "\"}";
        String half = "{\"workload_type\":\"x\",\"payload_size_kb\":1,\"time_window\":\"night\","
                + "\"load_pattern\":\"low_load\",\"payload\":\"" + "h".repeat(400_000) + "\"}";
        List<JobProducer.Result> results = producer(sqs).sendRaw(List.of(big, half, half, half), n -> { });
        assertThat(results.get(0).status()).isEqualTo(JobProducer.Status.REJECTED);
        assertThat(results.get(0).errors().get(0)).contains("over SQS's 1048576-byte limit");
        assertThat(sqs.calls()).extracting(List::size).containsExactly(2, 1);
    }
}

package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.classifier.ModelArtefacts;
import io.hybridrouter.cli.CliRun;
import io.hybridrouter.shared.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {

    @TempDir
    Path tmp;

    @Test
    void promotesAModelToAFolderThatClassifyThenFollows() throws Exception {
        Path model = tmp.resolve("model");
        ModelArtefacts.save(model, ModelArtefacts.loadBundled());
        String version = ModelArtefacts.load(model).version();
        Path store = tmp.resolve("store");

        CliRun promote = CliRun.of("model", "promote", model.toString(), "--to", store.toString());

        assertThat(promote.exitCode()).as(promote.err()).isZero();
        assertThat(promote.out().trim()).isEqualTo("promoted " + version + " at " + store + "/");
        assertThat(Json.read(Files.readString(store.resolve("current.json"))).get("model_version").asText())
                .isEqualTo(version);
        CliRun classify = CliRun.of("classify", "--model", store.toString(), "{\"workload_type\":\"data_etl\","
                + "\"payload_size_kb\":100,\"time_window\":\"night\",\"load_pattern\":\"low_load\"}");
        assertThat(classify.exitCode()).as(classify.err()).isZero();
        assertThat(Json.read(classify.out()).get("model_version").asText()).isEqualTo(version);
    }

    @Test
    void aFolderThatIsNotAModelIsRefusedInOneLineAndNothingIsPublished() {
        Path store = tmp.resolve("store");
        CliRun promote = CliRun.of("model", "promote", tmp.resolve("nothing").toString(), "--to", store.toString());
        assertThat(promote.exitCode()).isEqualTo(1);
        assertThat(promote.err()).startsWith("error: model folder ").contains("does not exist").doesNotContain("\tat ");
        assertThat(store).doesNotExist();
    }

    @Test
    void aBadModelLocationOrRefreshIntervalIsReportedByFlag() {
        CliRun location = CliRun.of("model", "promote", tmp.toString(), "--to", "s3://Bad_Bucket/x/");
        assertThat(location.exitCode()).isEqualTo(2);
        assertThat(location.err()).startsWith("error: --to must be s3://BUCKET/PREFIX/ with a valid bucket name");
        CliRun empty = CliRun.of("model", "promote", tmp.toString(), "--to", "");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).startsWith("error: --to is empty: give s3://BUCKET/PREFIX/ or a folder");
        CliRun refresh = CliRun.of("classifier", "run", "--endpoint", "http://127.0.0.1:1", "--queue-url",
                "http://127.0.0.1:1/123456789012/jobs", "--model-refresh", "1m");
        assertThat(refresh.exitCode()).isEqualTo(2);
        assertThat(refresh.err()).startsWith("error: --model-refresh must be an ISO-8601 duration from PT1S to P1D");
    }
}

package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.cli.BuildVersion;
import io.hybridrouter.cli.CliRun;
import io.hybridrouter.shared.aws.AwsTarget;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class AwsOptionsTest {

    /** A command with nothing but the two mixins, to parse flags without running anything. */
    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        AwsOptions aws;

        @Mixin
        StackOptions stack;

        @Override
        public void run() {
        }
    }

    private static Probe parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p;
    }

    @Test
    void namesEndpointRegionAndProfileAsTheAwsCliDoes() {
        AwsTarget t = parse("--endpoint-url", "http://localhost:4566", "--region", "eu-west-1", "--profile", "dev")
                .aws.target();
        assertThat(t).isEqualTo(new AwsTarget(Optional.of(URI.create("http://localhost:4566")),
                Optional.of("eu-west-1"), Optional.of("dev")));
    }

    @Test
    void acceptsEndpointAsAnAliasOfEndpointUrl() {
        assertThat(parse("--endpoint", "http://127.0.0.1:5000").aws.target().endpointUrl())
                .contains(URI.create("http://127.0.0.1:5000"));
    }

    @Test
    void leavesWhatIsNotGivenToTheSdk() {
        assertThat(parse().aws.target()).isEqualTo(AwsTarget.sdkDefaults());
    }

    @Test
    void saysWhereCallsGo_flagFirstThenAwsEndpointUrlThenAws() {
        assertThat(parse("--endpoint-url", "http://a:1").aws.where(Map.of("AWS_ENDPOINT_URL", "http://b:2")))
                .isEqualTo("http://a:1");
        assertThat(parse().aws.where(Map.of("AWS_ENDPOINT_URL", "http://b:2"))).isEqualTo("http://b:2");
        assertThat(parse().aws.where(Map.of())).isEqualTo("AWS");
    }

    @Test
    void rejectsAnEndpointThatIsNotAnHttpUrl_namingTheFlag() {
        assertThatThrownBy(() -> parse("--endpoint-url", "localhost:4566").aws.target())
                .hasMessageStartingWith("--endpoint-url must be an http(s) URL");
    }

    @Test
    void oneStackFlagWithOneDefault_andTheOldNamesStillWork() {
        assertThat(parse().stack.name()).isEqualTo("hybrid-router");
        assertThat(parse("--stack", "prod-router").stack.name()).isEqualTo("prod-router");
        assertThat(parse("--bus", "old-bus").stack.name()).isEqualTo("old-bus");
        assertThat(parse("--name", "old-name").stack.name()).isEqualTo("old-name");
    }

    @Test
    void everyCommandThatTalksToAwsTakesTheSameOptions() {
        for (String[] command : new String[][] {{"submit"}, {"classifier", "run"}, {"stack", "deploy"},
            {"stack", "destroy"}, {"rules", "list"}, {"rules", "test"}, {"rules", "explain"}, {"rules", "diff"}}) {
            CliRun help = CliRun.of(join(command, "--help"));
            assertThat(help.out()).as(String.join(" ", command)).contains("--endpoint, --endpoint-url=URL")
                    .contains("--region=REGION").contains("--profile=NAME");
        }
        for (String[] command : new String[][] {{"classifier", "run"}, {"stack", "deploy"}, {"stack", "destroy"},
            {"rules", "list"}, {"rules", "diff"}}) {
            assertThat(CliRun.of(join(command, "--help")).out()).as(String.join(" ", command))
                    .contains("--stack=NAME").doesNotContain("--bus").doesNotContain("--name");
        }
    }

    @Test
    void stackDeployWithoutAnyEndpointIsAUsageError() {
        if (System.getenv("AWS_ENDPOINT_URL") == null) {
            CliRun run = CliRun.of("stack", "deploy");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("pass --endpoint-url URL").contains("AWS_ENDPOINT_URL");
        }
    }

    @Test
    void versionIsTheBuildsVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.out().strip()).isEqualTo("hybrid-router " + BuildVersion.version());
        assertThat(BuildVersion.version()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }

    private static String[] join(String[] command, String last) {
        String[] all = new String[command.length + 1];
        System.arraycopy(command, 0, all, 0, command.length);
        all[command.length] = last;
        return all;
    }
}

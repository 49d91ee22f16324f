package io.hybridrouter.shared.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.cost.Prices;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

    @Test
    void theDeclarationHasEveryLambdaSizeOnBothArchitecturesAndEveryFargateSizeOnBothCapacities() {
        RunOptions d = RunOptions.declared();
        assertThat(d.of(Platform.LAMBDA)).extracting(RunOption::id).containsExactly(
                "lambda-x86_64-512mb", "lambda-x86_64-1769mb", "lambda-x86_64-3008mb", "lambda-x86_64-10240mb",
                "lambda-arm64-512mb", "lambda-arm64-1769mb", "lambda-arm64-3008mb", "lambda-arm64-10240mb");
        assertThat(d.of(Platform.ECS)).hasSize(21 * 2 * 2);
        assertThat(d.byId("ecs-arm64-0.5vcpu-4gb-spot")).hasValueSatisfying(o -> {
            assertThat(o.vcpu()).isEqualTo(0.5);
            assertThat(o.memoryMb()).isEqualTo(4096);
            assertThat(o.arch()).isEqualTo(Arch.ARM64);
            assertThat(o.capacity()).isEqualTo(Capacity.SPOT);
        });
        assertThat(d.byId("lambda-arm64-1769mb").orElseThrow().vcpu()).isEqualTo(1.0);
        assertThat(d.byId("lambda-x86_64-10240mb").orElseThrow().vcpu()).isCloseTo(5.79, offset(0.01));
        // every id can be part of a rule name and a target id
        assertThat(d.all()).allSatisfy(o -> assertThat(o.id()).matches("[a-z0-9][a-z0-9._-]{0,47}"));
    }

    @Test
    void theDefaultFargateSizesAreTwoFourAndEightGbPerVcpuAtEveryVcpuLevelCappedAtItsLargestMemory() {
        Set<String> sizes = RunOptions.declared().of(Platform.ECS).stream()
                .map(o -> o.vcpu() + "/" + o.memoryMb()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> ladder = new TreeSet<>();
        double[] levels = {0.25, 0.5, 1, 2, 4, 8, 16};
        int[] largestMb = {2048, 4096, 8192, 16384, 30720, 61440, 122880};
        for (int i = 0; i < levels.length; i++) {
            for (int gbPerVcpu : new int[] {2, 4, 8}) {
                ladder.add(levels[i] + "/" + Math.min((int) (levels[i] * gbPerVcpu * 1024), largestMb[i]));
            }
        }
        assertThat(sizes).isEqualTo(ladder).hasSize(21);
    }

    @Test
    void withoutSpotPricesNoSpotOptionIsOffered() {
        Prices p = Prices.defaults();
        assertThat(RunOptions.declared().offered(p)).anyMatch(RunOption::spot);
        assertThat(RunOptions.declared().offered(p.withoutSpot())).noneMatch(RunOption::spot)
                .hasSize(RunOptions.declared().all().size() - 21 * 2);
    }

    @Test
    void aFargateOptionMustBeAValidTaskSize() {
        assertThatThrownBy(() -> RunOption.fargate(new FargateSize(1, 512), Capacity.ON_DEMAND))
                .hasMessageContaining("not a Fargate task size");
        assertThatThrownBy(() -> RunOption.lambda(Arch.ARM64, 64)).hasMessageContaining("128 to 10240 MB");
    }

    @Test
    void aBadDeclarationIsRefusedNamingTheFieldAndTheRule() {
        String good = "{\"lambda\":{\"memory_mb\":[512],\"architectures\":[\"arm64\"]},"
                + "\"fargate\":{\"architectures\":[\"x86_64\"],\"sizes\":[{\"vcpu\":1,\"memory_mb\":2048}],"
                + "\"capacity_providers\":[\"FARGATE\"]}}";
        assertThat(RunOptions.parse(good, "t").all()).extracting(RunOption::id)
                .containsExactly("lambda-arm64-512mb", "ecs-x86_64-1vcpu-2gb");
        assertThatThrownBy(() -> RunOptions.parse(good.replace("512]", "20000]"), "t"))
                .hasMessageContaining("lambda.memory_mb: 20000");
        assertThatThrownBy(() -> RunOptions.parse(good.replace("\"FARGATE\"]", "\"EC2\"]"), "t"))
                .hasMessageContaining("fargate.capacity_providers: \"EC2\" is not FARGATE or FARGATE_SPOT");
        assertThatThrownBy(() -> RunOptions.parse(good.replace("\"memory_mb\":2048", "\"memory_mb\":1000"), "t"))
                .hasMessageContaining("fargate.sizes").hasMessageContaining("not a Fargate task size");
        assertThatThrownBy(() -> RunOptions.parse(good.replace("[\"arm64\"]", "[]"), "t"))
                .hasMessageContaining("lambda.architectures: is required");
        assertThatThrownBy(() -> RunOptions.parse("{", "t")).hasMessageContaining("options t: not valid JSON");
    }

    @Test
    void theSizedPairIsHowAJobWasSizedBeforeOptionsAndNearestFindsTheDeclaredOneThatHoldsIt() {
        Job etl = Job.of("j-1", WorkloadType.DATA_ETL, 2048, TimeWindow.MIDDAY, LoadPattern.LOW_LOAD)
                .withHints(null, 7000);
        RunOption lambda = RunOptions.sized(etl, Platform.LAMBDA);
        RunOption ecs = RunOptions.sized(etl, Platform.ECS);
        assertThat(lambda.id()).isEqualTo("lambda-x86_64-7000mb");
        assertThat(ecs.vcpu()).isEqualTo(1.0);
        assertThat(ecs.memoryMb()).isEqualTo(7168);
        assertThat(RunOptions.declared().nearest(lambda).id()).isEqualTo("lambda-x86_64-10240mb");
        assertThat(RunOptions.declared().nearest(ecs).id()).isEqualTo("ecs-x86_64-1vcpu-8gb");
        assertThat(List.of(RunOptions.declared().nearest(ecs.onDemand()))).doesNotContainNull();
    }

    @Test
    void spotAndArmArePricedFromTheirOwnRows() {
        Prices p = Prices.defaults();
        RunOption x86 = RunOptions.declared().byId("ecs-x86_64-1vcpu-2gb").orElseThrow();
        RunOption armSpot = RunOptions.declared().byId("ecs-arm64-1vcpu-2gb-spot").orElseThrow();
        assertThat(x86.fargateUsdPerHour(p)).isCloseTo(0.04048 + 2 * 0.004445, offset(1e-12));
        assertThat(armSpot.fargateUsdPerHour(p)).isCloseTo(p.fargateSpotArmUsdPerVcpuHour()
                + 2 * p.fargateSpotArmUsdPerGbHour(), offset(1e-12));
        assertThat(armSpot.onDemand().id()).isEqualTo("ecs-arm64-1vcpu-2gb");
        RunOption arm = RunOptions.declared().byId("lambda-arm64-1769mb").orElseThrow();
        assertThat(arm.lambdaCostUsd(p, 1000)).isLessThan(RunOption.lambda(Arch.X86_64, 1769).lambdaCostUsd(p, 1000));
    }
}

package io.hybridrouter.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.dispatch.topology.TargetBindings;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.RunOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

    private static final TargetBindings.EcsBinding CLUSTER = new TargetBindings.EcsBinding(
            "arn:aws:ecs:us-east-1:000000000000:cluster/c", Map.of(
                    Arch.X86_64, "arn:aws:ecs:us-east-1:000000000000:task-definition/w:1",
                    Arch.ARM64, "arn:aws:ecs:us-east-1:000000000000:task-definition/w-arm64:1"),
            "arn:aws:iam::000000000000:role/r", List.of(), List.of());

    @Test
    void motoGetsTapsWithoutLookingForAFunctionOrCluster() {
        AtomicInteger lookedUp = new AtomicInteger();
        assertThat(TargetPolicy.real(Emulator.MOTO, () -> {
            lookedUp.incrementAndGet();
            return Optional.of("arn:aws:lambda:us-east-1:000000000000:function:executor");
        })).isEmpty();
        assertThat(lookedUp).hasValue(0);
    }

    @Test
    void localStackWithAFunctionOrClusterGetsTheRealTarget() {
        assertThat(TargetPolicy.real(Emulator.LOCALSTACK, () -> Optional.of("fn-arn"))).contains("fn-arn");
        assertThat(TargetPolicy.real(Emulator.LOCALSTACK, () -> Optional.of(CLUSTER))).contains(CLUSTER);
    }

    @Test
    void localStackWithoutOneGetsATap() {
        assertThat(TargetPolicy.real(Emulator.LOCALSTACK, Optional::empty)).isEmpty();
    }

    @Test
    void aTargetWithoutItsRealResourceIsBoundToItsOptionsTap() {
        Map<String, String> taps = new HashMap<>();
        RunOptions.declared().all().forEach(o -> taps.put(o.id(), "tap-" + o.id()));
        TargetBindings tapped = new TargetBindings(Map.of(), Map.of(), TargetPolicy.real(Emulator.MOTO,
                () -> Optional.of(CLUSTER)), taps, "dlq");
        assertThat(tapped.target(RoutingTopology.rule("lambda-decisions").targets().get(0)).arn())
                .isEqualTo("tap-" + RoutingTopology.LEGACY_LAMBDA.id());
        assertThat(tapped.target(RoutingTopology.rule("ecs-decisions").targets().get(0)).arn())
                .isEqualTo("tap-" + RoutingTopology.LEGACY_ECS.id());
        TargetBindings real = new TargetBindings(Map.of(), Map.of(RoutingTopology.LEGACY_LAMBDA.id(), "fn"),
                Optional.of(CLUSTER), taps, "dlq");
        assertThat(real.target(RoutingTopology.rule("lambda-decisions").targets().get(0)).arn()).isEqualTo("fn");
        assertThat(real.target(RoutingTopology.rule("ecs-decisions").targets().get(0)).ecsParameters()
                .taskDefinitionArn()).isEqualTo(CLUSTER.taskDefinitionArns().get(Arch.X86_64));
    }
}

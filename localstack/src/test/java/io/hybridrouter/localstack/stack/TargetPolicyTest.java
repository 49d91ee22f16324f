package io.hybridrouter.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.dispatch.topology.TargetBindings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

    private static final TargetBindings.EcsBinding CLUSTER = new TargetBindings.EcsBinding(
            "arn:aws:ecs:us-east-1:000000000000:cluster/c", "arn:aws:ecs:us-east-1:000000000000:task-definition/w:1",
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
    void aTargetWithoutItsRealResourceIsBoundToItsTap() {
        TargetBindings taps = new TargetBindings(Map.of(), TargetPolicy.real(Emulator.MOTO, () -> Optional.of("fn")),
                "lambda-tap-arn", TargetPolicy.real(Emulator.MOTO, () -> Optional.of(CLUSTER)), "ecs-tap-arn", "dlq");
        assertThat(taps.target(RoutingTopology.rule("lambda-decisions").targets().get(0)).arn())
                .isEqualTo("lambda-tap-arn");
        assertThat(taps.target(RoutingTopology.rule("ecs-decisions").targets().get(0)).arn()).isEqualTo("ecs-tap-arn");
        TargetBindings real = new TargetBindings(Map.of(), Optional.of("fn"), "lambda-tap-arn", Optional.of(CLUSTER),
                "ecs-tap-arn", "dlq");
        assertThat(real.target(RoutingTopology.rule("ecs-decisions").targets().get(0)).ecsParameters()
                .taskDefinitionArn()).isEqualTo(CLUSTER.taskDefinitionArn());
    }
}

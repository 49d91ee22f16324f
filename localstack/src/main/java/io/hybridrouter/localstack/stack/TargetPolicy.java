package io.hybridrouter.localstack.stack;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place that decides, per target, whether an emulator's rule gets the real Lambda or ECS
 * target or an SQS tap in its place: {@link StackProvisioner#deploy} binds targets with it and
 * {@link ExpectedTargets} (what {@code rules diff} expects) reads the same decision. Stateless.
 */
public final class TargetPolicy {

    private TargetPolicy() {
    }

    /**
     * The real target, when this emulator can run it and it exists here; empty when an SQS tap
     * stands in. moto never gets one (it runs neither Lambda nor ECS, and a matching rule with such
     * a target fails the whole {@code PutEvents}), so {@code resource} is not even looked up there;
     * LocalStack gets the function or cluster {@code resource} finds, a tap where there is none.
     */
    public static <T> Optional<T> real(Emulator emulator, Supplier<Optional<T>> resource) {
        return emulator == Emulator.MOTO ? Optional.empty() : resource.get();
    }
}

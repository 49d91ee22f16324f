package io.hybridrouter.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.dispatch.topology.RoutingTopology;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackNamesTest {

    @Test
    void refusesAStackNameTooLongForTheOptionRulesWithAOneLineReason() {
        String tooLong = "a".repeat(StackNames.MAX_CHARS + 1);
        assertThatThrownBy(() -> new StackNames(tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stack name must be 3-" + StackNames.MAX_CHARS + " characters");
        StackNames longest = new StackNames("a".repeat(StackNames.MAX_CHARS));
        for (RoutingTopology.Rule r : RoutingTopology.rules()) {
            assertThat(r.name(longest.stack())).hasSizeLessThanOrEqualTo(AwsPricing.EVENTBRIDGE_RULE_NAME_MAX_CHARS);
        }
    }

    @Test
    void everyOptionHasItsOwnTapAndEveryLambdaOptionItsOwnFunctionWithinTheNamingRules() {
        StackNames n = new StackNames("a".repeat(StackNames.MAX_CHARS));
        Set<String> taps = new HashSet<>();
        for (RunOption o : RunOptions.declared().all()) {
            // SQS: 1-80 of [A-Za-z0-9_-]; Lambda: 1-64 of [A-Za-z0-9_-]
            assertThat(taps.add(n.tap(o))).isTrue();
            assertThat(n.tap(o)).startsWith(n.tapPrefix()).hasSizeLessThanOrEqualTo(80).matches("[A-Za-z0-9_-]+");
            if (o.platform() == Platform.LAMBDA) {
                assertThat(n.executor(o)).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9_-]+");
            }
        }
    }
}

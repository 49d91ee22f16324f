package io.hybridrouter.shared.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.events.EventTypes;
import io.hybridrouter.shared.events.OutboundEvent;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.testing.FakeEventBridge;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingTest {

    /** The state every copy restored from one snapshot starts with. */
    private static final long SNAPSHOT_SEED = 20261127L;

    /** One restored copy: the publisher of the snapshot's graph, its jitter and its hooks. */
    private static final class Copy {
        final List<Long> sleeps = new ArrayList<>();
        final Jitter jitter = new Jitter(SNAPSHOT_SEED);
        final EventPublisher publisher = EventPublisher.builder(new FakeEventBridge().withoutContractChecks().failEntriesWhere(e -> true),
                "bus").backoff(new Backoff(6, 1_000, 1_000_000)).sleeper(sleeps::add).jitter(jitter).build();
        final Priming hooks = new Priming("test", RouterLog.NONE).reseed(jitter::reseed);

        List<Long> backOff() {
            publisher.publish(List.of(new OutboundEvent("m1", EventTypes.ROUTING_DECISION, "{}")));
            return sleeps;
        }
    }

    @Test
    void copiesRestoredFromOneSnapshotRetryInLockstepWithoutAfterRestore() {
        assertThat(new Copy().backOff()).hasSize(5).isEqualTo(new Copy().backOff());
    }

    @Test
    void afterRestoreReseedsTheJitterSoRestoredCopiesBackOffDifferently() {
        Copy a = new Copy();
        Copy b = new Copy();
        a.hooks.afterRestore(null);
        b.hooks.afterRestore(null);
        assertThat(a.backOff()).hasSize(5).isNotEqualTo(b.backOff());
    }

    @Test
    void aFailingPrimingStepIsLoggedAndTheOthersStillRun() {
        List<String> lines = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        Priming p = new Priming("test", (level, message, fields) -> lines.add(level + " " + message))
                .prime("one", () -> ran.add("one"))
                .prime("broken", () -> {
                    throw new IllegalStateException("no model");
                })
                .prime("three", () -> ran.add("three"));
        assertThat(p.primeAll()).containsOnlyKeys("broken");
        assertThat(ran).containsExactly("one", "three");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("WARN").contains("broken").contains("no model"))
                .anySatisfy(l -> assertThat(l).startsWith("INFO").contains("2 of 3 steps"));
    }
}

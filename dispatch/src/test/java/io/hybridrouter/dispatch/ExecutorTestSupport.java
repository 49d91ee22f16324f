package io.hybridrouter.dispatch;

import io.hybridrouter.dispatch.idempotency.InMemoryIdempotencyStore;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.claim.InMemoryClaimCheckStore;
import io.hybridrouter.shared.cost.Prices;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.log.RouterLog;
import io.hybridrouter.shared.testing.FakeEventBridge;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A job executor on in-memory stores and a fake bus. */
final class ExecutorTestSupport {

    final FakeEventBridge bus = new FakeEventBridge();
    final InMemoryIdempotencyStore idempotency;
    final InMemoryClaimCheckStore claims = new InMemoryClaimCheckStore();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final JobExecutor executor;

    ExecutorTestSupport() {
        this(Clock.systemUTC(), Runners.discover());
    }

    ExecutorTestSupport(Clock clock, Runners runners) {
        this(clock, runners, RunLimits.DEFAULT);
    }

    ExecutorTestSupport(Clock clock, Runners runners, RunLimits limits) {
        this(clock, runners, limits, ms -> { });
    }

    /** {@code sleeper}: how the executor waits between tries to report an interrupted run. */
    ExecutorTestSupport(Clock clock, Runners runners, RunLimits limits, Backoff.Sleeper sleeper) {
        idempotency = new InMemoryIdempotencyStore(clock);
        executor = new JobExecutor(runners, idempotency, Optional.of(claims),
                EventPublisher.builder(bus, "bus-1").backoff(new Backoff(2, 0, 0)).sleeper(ms -> { })
                        .log(RouterLog.plain(log::add)).build(), clock, RouterLog.plain(log::add), limits, Prices.defaults(),
                sleeper);
    }
}

package io.hybridrouter.dispatch;

import io.hybridrouter.dispatch.idempotency.InMemoryIdempotencyStore;
import io.hybridrouter.dispatch.runner.Runners;
import io.hybridrouter.shared.claim.InMemoryClaimCheckStore;
import io.hybridrouter.shared.events.Backoff;
import io.hybridrouter.shared.events.EventPublisher;
import io.hybridrouter.shared.testing.FakeEventBridge;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A job executor on in-memory stores and a fake bus. */
final class ExecutorTestSupport {

    final FakeEventBridge bus = new FakeEventBridge();
    final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(Clock.systemUTC());
    final InMemoryClaimCheckStore claims = new InMemoryClaimCheckStore();
    final List<String> log = new ArrayList<>();
    final JobExecutor executor = new JobExecutor(Runners.discover(), idempotency, Optional.of(claims),
            new EventPublisher(bus, "bus-1", new Backoff(2, 0, 0), ms -> { }, log::add), Clock.systemUTC(), log::add);
}

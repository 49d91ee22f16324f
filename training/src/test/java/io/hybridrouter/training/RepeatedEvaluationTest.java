package io.hybridrouter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.Json;
import io.hybridrouter.training.EvaluationResult.StrategyResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatedEvaluationTest {

    /** One hand-made set: hybrid, hybrid-2 and oracle costs and violations, single platforms at fixed costs. */
    private static EvaluationResult set(int jobs, double hybrid, double hybrid2, double oracle, int hybridViolations,
            int hybrid2Violations) {
        Map<String, StrategyResult> s = new LinkedHashMap<>();
        s.put("lambda-only", strategy(jobs, 30, 50));
        s.put("ecs-only", strategy(jobs, 20, 0));
        s.put(Evaluator.HYBRID_2, strategy(jobs, hybrid2, hybrid2Violations));
        s.put(Evaluator.HYBRID, strategy(jobs, hybrid, hybridViolations));
        s.put(Evaluator.ORACLE, strategy(jobs, oracle, 0));
        return new EvaluationResult(s, 0.9, 0.8, hybrid / oracle - 1, hybrid / hybrid2, jobs, "m1", Map.of(), 5,
                new RouterOverhead(0, 0, 0, 0), null, null, null, null, false, 0.0, true);
    }

    private static StrategyResult strategy(int jobs, double cost, int violations) {
        return new StrategyResult(cost, cost / jobs * 1_000_000, 100, 200, violations, 1, Map.of("lambda", jobs), 2,
                null);
    }

    private static final List<EvaluationResult> FOUR = List.of(set(1000, 8, 10, 7.5, 3, 4),
            set(1000, 9, 10, 8, 5, 4), set(1000, 10, 10, 9.5, 2, 2), set(1000, 7, 10, 6.5, 1, 3));
    private static final List<Long> SEEDS = List.of(101L, 102L, 103L, 104L);

    @Test
    void pooledRatiosAreRatiosOfCostsSummedOverTheSets() {
        RepeatedEvaluation r = RepeatedEvaluation.of(SEEDS, FOUR, 7);

        assertThat(r.sets()).isEqualTo(4);
        assertThat(r.jobs()).isEqualTo(4000);
        assertThat(r.hybridVsHybrid2().pooled()).isEqualTo(34.0 / 40.0);
        assertThat(r.regret().pooled()).isEqualTo(34.0 / 31.5 - 1);
        // cheaper single platform: ecs-only, 4 x 20
        assertThat(r.hybridVsCheaperSinglePlatform()).isEqualTo(34.0 / 80.0);
        assertThat(r.strategies().get(Evaluator.HYBRID).costUsd()).isEqualTo(34.0);
        assertThat(r.strategies().get(Evaluator.HYBRID).costPerMillionUsd()).isEqualTo(34.0 / 4000 * 1_000_000);
        assertThat(r.strategies().get("lambda-only").sloViolations()).isEqualTo(200);
        assertThat(r.strategies().get("lambda-only").infeasible()).isEqualTo(4);
        assertThat(r.strategies().get("lambda-only").interruptions()).isEqualTo(8);
        assertThat(r.strategies().keySet()).containsExactly("lambda-only", "ecs-only", Evaluator.HYBRID_2,
                Evaluator.HYBRID, Evaluator.ORACLE);
    }

    @Test
    void perSetSpreadIsTheMedianMinimumAndMaximumOfEachSetsRatio() {
        RepeatedEvaluation r = RepeatedEvaluation.of(SEEDS, FOUR, 7);

        // per set 0.8, 0.9, 1.0, 0.7: the median of an even count is the mean of the middle two
        assertThat(r.hybridVsHybrid2().median()).isEqualTo((0.8 + 0.9) / 2);
        assertThat(r.hybridVsHybrid2().min()).isEqualTo(0.7);
        assertThat(r.hybridVsHybrid2().max()).isEqualTo(1.0);
        assertThat(r.perSet()).extracting(RepeatedEvaluation.PerSet::seed).containsExactly(101L, 102L, 103L, 104L);
        assertThat(r.perSet().get(1).hybridVsHybrid2()).isEqualTo(0.9);
        assertThat(r.perSet().get(1).regret()).isEqualTo(9.0 / 8.0 - 1);
        assertThat(r.perSet().get(3).hybrid2Violations()).isEqualTo(3);
    }

    @Test
    void violationsArePooledAndCountTheSetsWhereHybridIsNoWorse() {
        RepeatedEvaluation r = RepeatedEvaluation.of(SEEDS, FOUR, 7);

        assertThat(r.sloViolations().hybrid()).isEqualTo(11);
        assertThat(r.sloViolations().hybrid2()).isEqualTo(13);
        // 3 <= 4, 5 > 4, 2 <= 2, 1 <= 3
        assertThat(r.sloViolations().setsNoWorse()).isEqualTo(3);
    }

    @Test
    void intervalContainsThePooledRatioLiesWithinThePerSetRangeAndIsReproducibleForASeed() {
        RepeatedEvaluation a = RepeatedEvaluation.of(SEEDS, FOUR, 7);
        RepeatedEvaluation b = RepeatedEvaluation.of(SEEDS, FOUR, 7);

        List<Double> ci = a.hybridVsHybrid2().ci95();
        assertThat(ci).hasSize(2);
        assertThat(ci.get(0)).isLessThan(a.hybridVsHybrid2().pooled()).isGreaterThanOrEqualTo(0.7);
        assertThat(ci.get(1)).isGreaterThan(a.hybridVsHybrid2().pooled()).isLessThanOrEqualTo(1.0);
        assertThat(a.regret().ci95().get(0)).isLessThan(a.regret().pooled());
        assertThat(a.regret().ci95().get(1)).isGreaterThan(a.regret().pooled());
        assertThat(b.hybridVsHybrid2().ci95()).isEqualTo(ci);
        assertThat(b.regret().ci95()).isEqualTo(a.regret().ci95());
        assertThat(a.bootstrap().resamples()).isEqualTo(RepeatedEvaluation.DEFAULT_RESAMPLES);
        assertThat(a.bootstrap().seed()).isEqualTo(7);
    }

    @Test
    void setsWithOneRatioGiveAnIntervalOfExactlyThatRatio() {
        List<EvaluationResult> same = List.of(set(100, 8, 10, 4, 0, 0), set(100, 16, 20, 8, 0, 0),
                set(100, 4, 5, 2, 0, 0));

        RepeatedEvaluation r = RepeatedEvaluation.of(List.of(1L, 2L, 3L), same, 3);

        assertThat(r.hybridVsHybrid2().ci95()).containsExactly(0.8, 0.8);
        assertThat(r.regret().ci95()).containsExactly(1.0, 1.0);
    }

    @Test
    void fewerThanThreeSetsGiveNoInterval() {
        RepeatedEvaluation two = RepeatedEvaluation.of(List.of(1L, 2L), FOUR.subList(0, 2), 7);

        assertThat(two.hybridVsHybrid2().ci95()).isNull();
        assertThat(two.regret().ci95()).isNull();
        assertThat(two.hybridVsHybrid2().pooled()).isEqualTo(17.0 / 20.0);
        assertThat(Json.write(two)).doesNotContain("ci95");
    }

    @Test
    void refusesMismatchedSeedsNoSetsAndSetsWithoutHybrid2() {
        assertThatThrownBy(() -> RepeatedEvaluation.of(List.of(1L), FOUR, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one seed per evaluated set");
        assertThatThrownBy(() -> RepeatedEvaluation.of(List.of(), List.of(), 7))
                .isInstanceOf(IllegalArgumentException.class);
        EvaluationResult full = FOUR.get(0);
        Map<String, StrategyResult> less = new LinkedHashMap<>(full.strategies());
        less.remove(Evaluator.HYBRID_2);
        EvaluationResult without = new EvaluationResult(less, 0.9, null, 0, null, 1000, "m1", Map.of(), 5,
                full.overhead(), null, null, null, null, null, null, null);
        assertThatThrownBy(() -> RepeatedEvaluation.of(List.of(1L), List.of(without), 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hybrid-2");
    }
}

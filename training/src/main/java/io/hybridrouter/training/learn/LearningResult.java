package io.hybridrouter.training.learn;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code router demo --learn} found, round by round; written as JSON by {@code --json}.
 * Immutable.
 *
 * @param rounds       per round, in order
 * @param drift        the drift of the truth, in canonical form
 * @param jobsPerRound fresh jobs per round
 * @param seed         seed of the jobs and of their simulated truth
 * @param exploreRate  the learning router's exploration rate in round 1 (1/k of it in round k)
 * @param priorJobs    simulator jobs (both platforms) the learning router trains on besides its outcomes
 * @param truth        what the figures are measured against
 * @param prices       how the price table reaches the routers
 */
@JsonPropertyOrder({"rounds", "drift", "jobs_per_round", "seed", "explore_rate", "prior_jobs", "truth", "prices"})
public record LearningResult(
        @JsonProperty("rounds") List<Round> rounds,
        @JsonProperty("drift") String drift,
        @JsonProperty("jobs_per_round") int jobsPerRound,
        @JsonProperty("seed") long seed,
        @JsonProperty("explore_rate") double exploreRate,
        @JsonProperty("prior_jobs") int priorJobs,
        @JsonProperty("truth") String truth,
        @JsonProperty("prices") String prices) {

    /**
     * One round: the same jobs through both routers, measured against the same drifted truth.
     *
     * @param round          1, 2, ...
     * @param jobs           jobs in the round
     * @param oracleCostPerMillionUsd what the all-knowing router would pay, per million jobs
     * @param staticRouter   the bundled model, never retrained
     * @param learning       the router retrained after every round
     * @param outcomesSoFar  outcomes the learning router had trained on when the round started
     * @param learned        what those outcomes said of the world (the calibration it was retrained with)
     */
    @JsonPropertyOrder({"round", "jobs", "static", "learning", "oracle_cost_per_million_usd", "outcomes_trained_on",
        "learned"})
    public record Round(
            @JsonProperty("round") int round,
            @JsonProperty("jobs") int jobs,
            @JsonProperty("static") Figures staticRouter,
            @JsonProperty("learning") Figures learning,
            @JsonProperty("oracle_cost_per_million_usd") double oracleCostPerMillionUsd,
            @JsonProperty("outcomes_trained_on") int outcomesSoFar,
            @JsonProperty("learned") String learned) {
    }

    /**
     * One router on one round's jobs.
     *
     * @param regret            cost / oracle cost − 1
     * @param costPerMillionUsd cost per million jobs
     * @param sloViolations     jobs over their objective or sent where they could not run
     * @param accuracy          share of jobs sent where the oracle would send them
     * @param platforms         jobs sent to each platform
     * @param reasons           decisions per reason
     * @param modelVersion      the model that decided
     */
    @JsonPropertyOrder({"regret", "cost_per_million_usd", "slo_violations", "accuracy", "platforms", "reasons",
        "model_version"})
    public record Figures(
            @JsonProperty("regret") double regret,
            @JsonProperty("cost_per_million_usd") double costPerMillionUsd,
            @JsonProperty("slo_violations") int sloViolations,
            @JsonProperty("accuracy") double accuracy,
            @JsonProperty("platforms") Map<String, Integer> platforms,
            @JsonProperty("reasons") Map<String, Integer> reasons,
            @JsonProperty("model_version") String modelVersion) {
    }

    /** The last round. */
    public Round last() {
        return rounds.get(rounds.size() - 1);
    }
}

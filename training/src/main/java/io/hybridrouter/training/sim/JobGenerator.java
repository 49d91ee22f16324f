package io.hybridrouter.training.sim;

import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.LoadPattern;
import io.hybridrouter.shared.TimeWindow;
import io.hybridrouter.shared.WorkloadType;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the default job mix (docs/COST_MODEL.md, "The default job mix, and why"),
 * deterministically from a seed. Stateless and thread-safe.
 *
 * <ul>
 *   <li>Types, by count: API calls 40 %, thumbnails 20 %, online inference 12 % (interactive); ETL
 *       12 %, reports 8 % (batch); video 5 %; 3 % custom types with no profile ({@code other}: named
 *       {@code log_compaction}, {@code pdf_render}, {@code geo_tiling} or {@code backup_verify}).
 *       Interactive work is the bulk of the count; batch work and video carry most of the cost.</li>
 *   <li>Payloads are log-uniform over each type's range ({@link WorkloadProfile}), so every type spans
 *       small and large jobs and the cost crossover is crossed rather than avoided.</li>
 *   <li>Time windows: interactive work mostly by day (morning 30 %, midday 35 %, evening 25 %, night
 *       10 %), batch work mostly at night (15/15/20/50 %), the rest evenly; load patterns: interactive
 *       work burstier (low 20 %, medium 35 %, burst 25 %, steady high 20 %), the rest calmer
 *       (40/30/20/10 %). Every window and load pattern occurs for every type. Half the jobs carry a
 *       timestamp inside their window.</li>
 *   <li>Half the jobs carry a duration estimate (the simulated duration times an estimation error);
 *       30 % a memory requirement, 1–4 times the type's Lambda memory for interactive types and 1–8
 *       times for the others, so a few ask for more memory than Lambda has.</li>
 * </ul>
 */
public final class JobGenerator {

    private static final Map<WorkloadType, Double> TYPE_WEIGHTS = new EnumMap<>(WorkloadType.class);
    private static final String[] CUSTOM_TYPES = {"log_compaction", "pdf_render", "geo_tiling", "backup_verify"};
    private static final double[] INTERACTIVE_WINDOWS = {0.30, 0.35, 0.25, 0.10};
    private static final double[] BATCH_WINDOWS = {0.15, 0.15, 0.20, 0.50};
    private static final double[] EVEN = {0.25, 0.25, 0.25, 0.25};
    private static final double[] INTERACTIVE_LOAD = {0.20, 0.35, 0.25, 0.20};
    private static final double[] BATCH_LOAD = {0.40, 0.30, 0.20, 0.10};
    private static final double[] SMALL_MEMORY_FACTORS = {1, 1.5, 2, 3, 4};
    private static final double[] LARGE_MEMORY_FACTORS = {1, 2, 4, 8};
    private static final double DURATION_HINT_SHARE = 0.5;
    private static final double MEMORY_HINT_SHARE = 0.3;
    private static final double TIMESTAMP_SHARE = 0.5;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 1);

    static {
        TYPE_WEIGHTS.put(WorkloadType.LIGHTWEIGHT_API, 0.40);
        TYPE_WEIGHTS.put(WorkloadType.THUMBNAIL_PROCESSING, 0.20);
        TYPE_WEIGHTS.put(WorkloadType.ML_INFERENCE, 0.12);
        TYPE_WEIGHTS.put(WorkloadType.DATA_ETL, 0.12);
        TYPE_WEIGHTS.put(WorkloadType.BATCH_REPORT, 0.08);
        TYPE_WEIGHTS.put(WorkloadType.VIDEO_TRANSCODING, 0.05);
        TYPE_WEIGHTS.put(WorkloadType.OTHER, 0.03);
    }

    /** {@code count} jobs with ids {@code job-SEED-INDEX}. */
    public List<Job> generate(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Job> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            jobs.add(next(rnd.split(), "job-" + seed + "-" + i, seed));
        }
        return jobs;
    }

    private Job next(SplittableRandom rnd, String jobId, long seed) {
        WorkloadType type = pickType(rnd.nextDouble());
        WorkloadProfile profile = WorkloadProfile.of(type);
        String typeName = type == WorkloadType.OTHER ? CUSTOM_TYPES[rnd.nextInt(CUSTOM_TYPES.length)] : type.wireName();
        boolean batch = type == WorkloadType.DATA_ETL || type == WorkloadType.BATCH_REPORT;
        boolean interactive = type == WorkloadType.LIGHTWEIGHT_API || type == WorkloadType.THUMBNAIL_PROCESSING
                || type == WorkloadType.ML_INFERENCE;
        TimeWindow window = TimeWindow.values()[pick(rnd.nextDouble(),
                interactive ? INTERACTIVE_WINDOWS : batch ? BATCH_WINDOWS : EVEN)];
        LoadPattern load = LoadPattern.values()[pick(rnd.nextDouble(), interactive ? INTERACTIVE_LOAD : BATCH_LOAD)];
        double payloadKb = round3(logUniform(rnd.nextDouble(), profile.payloadMinKb(), profile.payloadMaxKb()));
        String timestamp = rnd.nextDouble() < TIMESTAMP_SHARE ? timestampIn(window, rnd) : null;
        boolean withDuration = rnd.nextDouble() < DURATION_HINT_SHARE;
        Integer memory = null;
        if (rnd.nextDouble() < MEMORY_HINT_SHARE) {
            double[] factors = interactive ? SMALL_MEMORY_FACTORS : LARGE_MEMORY_FACTORS;
            int mb = (int) Math.round(profile.lambdaMemoryMb() * factors[rnd.nextInt(factors.length)] / 64.0) * 64;
            memory = Math.max(128, mb);
        }
        Job job = new Job(jobId, typeName, payloadKb, window, load, timestamp, null, memory, null);
        if (withDuration) {
            Draws draws = Draws.forJob(seed, jobId);
            double hint = CostModel.referenceSeconds(job, draws) * draws.hintError();
            job = job.withHints(round3(hint), memory);
        }
        return job;
    }

    private static WorkloadType pickType(double u) {
        double acc = 0;
        for (Map.Entry<WorkloadType, Double> e : TYPE_WEIGHTS.entrySet()) {
            acc += e.getValue();
            if (u < acc) {
                return e.getKey();
            }
        }
        return WorkloadType.OTHER;
    }

    private static int pick(double u, double[] weights) {
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (u < acc) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double logUniform(double u, double min, double max) {
        return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
    }

    private static double round3(double v) {
        return Math.max(0.001, Math.round(v * 1000) / 1000.0);
    }

    private static String timestampIn(TimeWindow window, SplittableRandom rnd) {
        int start;
        int hours;
        switch (window) {
            case MORNING -> {
                start = 6;
                hours = 6;
            }
            case MIDDAY -> {
                start = 12;
                hours = 5;
            }
            case EVENING -> {
                start = 17;
                hours = 5;
            }
            default -> {
                start = 22;
                hours = 8;
            }
        }
        int hour = (start + rnd.nextInt(hours)) % 24;
        LocalTime time = LocalTime.of(hour, rnd.nextInt(60), rnd.nextInt(60));
        return FIRST_DAY.plusDays(rnd.nextInt(28)).atTime(time).atOffset(ZoneOffset.UTC).toString();
    }
}

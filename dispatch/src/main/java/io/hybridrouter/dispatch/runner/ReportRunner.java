package io.hybridrouter.dispatch.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.WorkloadRunner;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import java.util.Arrays;
import java.util.SplittableRandom;

/** {@code batch_report}: sorts the records (20 per KB of payload, up to 200,000) and reports percentiles. */
public final class ReportRunner implements WorkloadRunner {

    @Override
    public String workloadType() {
        return "batch_report";
    }

    @Override
    public JsonNode run(Job job) {
        int n = Work.units(job, 20, 20, 200_000);
        SplittableRandom r = Work.random(job);
        double[] values = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            values[i] = Math.exp(r.nextDouble() * 6);
            sum += values[i];
        }
        Arrays.sort(values);
        return Json.object().put("records", n).put("mean", sum / n).put("p50", values[n / 2])
                .put("p95", values[(int) Math.min(n - 1, Math.ceil(n * 0.95) - 1)]).put("max", values[n - 1]);
    }
}

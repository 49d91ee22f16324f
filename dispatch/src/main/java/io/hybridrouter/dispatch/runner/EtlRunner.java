package io.hybridrouter.dispatch.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.WorkloadRunner;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * {@code data_etl}: extracts CSV rows (about 10 per KB of payload, up to 100,000), transforms each
 * (parse, validate, convert) and loads them into per-region totals.
 */
public final class EtlRunner implements WorkloadRunner {

    private static final String[] REGIONS = {"us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"};

    @Override
    public String workloadType() {
        return "data_etl";
    }

    @Override
    public JsonNode run(Job job) {
        int rows = Work.units(job, 10, 10, 100_000);
        SplittableRandom r = Work.random(job);
        TreeMap<String, double[]> totals = new TreeMap<>();
        int rejected = 0;
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < rows; i++) {
            line.setLength(0);
            line.append(i).append(',').append(REGIONS[r.nextInt(REGIONS.length)]).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", r.nextDouble() * 1000 - 20));
            String[] fields = line.toString().split(",");
            double amount = Double.parseDouble(fields[2]);
            if (amount < 0) {
                rejected++;
                continue;
            }
            totals.computeIfAbsent(fields[1], k -> new double[2]);
            totals.get(fields[1])[0] += amount;
            totals.get(fields[1])[1]++;
        }
        var out = Json.object().put("rows", rows).put("rejected_rows", rejected);
        var byRegion = out.putObject("totals");
        totals.forEach((region, t) -> byRegion.put(region, Math.round(t[0] * 100) / 100.0));
        return out;
    }
}

package io.hybridrouter.dispatch.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.WorkloadRunner;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** {@code lightweight_api}: validates and digests the request (the payload plus its body bytes, up to 256 KB). */
public final class ApiRunner implements WorkloadRunner {

    @Override
    public String workloadType() {
        return "lightweight_api";
    }

    @Override
    public JsonNode run(Job job) throws Exception {
        int size = Work.units(job, 1024, 64, 256 * 1024);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        if (job.payload() != null) {
            sha.update(Json.write(job.payload()).getBytes(StandardCharsets.UTF_8));
        }
        sha.update(Work.bytes(job, size));
        return Json.object().put("bytes", size).put("sha256", HexFormat.of().formatHex(sha.digest()));
    }
}

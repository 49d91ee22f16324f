package io.hybridrouter.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;

/** A user's runner, found through META-INF/services: proves the SPI works and that it can replace a built-in. */
public final class PluggedRunner implements WorkloadRunner {

    @Override
    public String workloadType() {
        return "pdf_render";
    }

    @Override
    public JsonNode run(Job job) {
        if (job.payload() != null && job.payload().has("fail")) {
            throw new IllegalStateException("asked to fail");
        }
        return Json.object().put("pages", (int) Math.ceil(job.payloadSizeKb() / 100));
    }
}

package io.hybridrouter.dispatch.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.WorkloadRunner;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import java.util.zip.CRC32;

/** {@code other}: any type without a runner of its own; checksums its input (up to 1 MB). */
public final class GenericRunner implements WorkloadRunner {

    @Override
    public String workloadType() {
        return "other";
    }

    @Override
    public JsonNode run(Job job) {
        int size = Work.units(job, 1024, 64, 1024 * 1024);
        CRC32 crc = new CRC32();
        crc.update(Work.bytes(job, size));
        return Json.object().put("bytes", size).put("crc32", Long.toHexString(crc.getValue()))
                .put("workload_type", job.workloadType());
    }
}

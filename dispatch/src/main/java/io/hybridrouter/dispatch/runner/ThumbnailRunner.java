package io.hybridrouter.dispatch.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.WorkloadRunner;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import java.util.SplittableRandom;

/**
 * {@code thumbnail_processing}: renders a synthetic RGB image whose pixel count follows the payload
 * (side up to 1,024 px) and box-filters it down to a 128 px thumbnail. Plain arrays, no AWT, so it
 * runs the same in a Lambda as in a container.
 */
public final class ThumbnailRunner implements WorkloadRunner {

    static final int THUMBNAIL = 128;

    @Override
    public String workloadType() {
        return "thumbnail_processing";
    }

    @Override
    public JsonNode run(Job job) {
        // a JPEG holds roughly 3 bytes per pixel before compression, ~10:1 after
        int side = (int) Math.max(THUMBNAIL, Math.min(1024, Math.sqrt(job.payloadSizeKb() * 1024 * 10 / 3)));
        int[] image = new int[side * side];
        SplittableRandom r = Work.random(job);
        int base = r.nextInt(0xFFFFFF);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image[y * side + x] = (base + x * 0x010203 + y * 0x030201) & 0xFFFFFF;
            }
        }
        int[] thumb = new int[THUMBNAIL * THUMBNAIL];
        double scale = side / (double) THUMBNAIL;
        long sum = 0;
        for (int ty = 0; ty < THUMBNAIL; ty++) {
            for (int tx = 0; tx < THUMBNAIL; tx++) {
                int x0 = (int) (tx * scale);
                int y0 = (int) (ty * scale);
                int x1 = Math.max(x0 + 1, (int) ((tx + 1) * scale));
                int y1 = Math.max(y0 + 1, (int) ((ty + 1) * scale));
                long rs = 0;
                long gs = 0;
                long bs = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int p = image[y * side + x];
                        rs += p >>> 16;
                        gs += (p >>> 8) & 0xFF;
                        bs += p & 0xFF;
                    }
                }
                int n = (x1 - x0) * (y1 - y0);
                int pixel = (int) ((rs / n) << 16 | (gs / n) << 8 | (bs / n));
                thumb[ty * THUMBNAIL + tx] = pixel;
                sum += pixel & 0xFF;
            }
        }
        return Json.object().put("source_px", side).put("thumbnail_px", THUMBNAIL)
                .put("mean_blue", sum / (double) thumb.length);
    }
}

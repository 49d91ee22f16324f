package io.hybridrouter.dispatch.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridrouter.dispatch.WorkloadRunner;
import io.hybridrouter.shared.Job;
import io.hybridrouter.shared.Json;
import java.util.SplittableRandom;

/**
 * {@code video_transcoding}: encodes synthetic 64×64 frames with an 8×8 DCT and quantisation, the
 * core of every block-based codec; one frame per 256 KB of payload, up to 240 frames.
 */
public final class TranscodeRunner implements WorkloadRunner {

    private static final int SIDE = 64;
    private static final int BLOCK = 8;
    private static final double[][] COS = new double[BLOCK][BLOCK];

    static {
        for (int x = 0; x < BLOCK; x++) {
            for (int u = 0; u < BLOCK; u++) {
                COS[x][u] = Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    @Override
    public String workloadType() {
        return "video_transcoding";
    }

    @Override
    public JsonNode run(Job job) {
        int frames = Work.units(job, 1 / 256.0, 1, 240);
        SplittableRandom r = Work.random(job);
        double[][] frame = new double[SIDE][SIDE];
        long nonZero = 0;
        for (int f = 0; f < frames; f++) {
            double phase = r.nextDouble();
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    frame[y][x] = 128 + 100 * Math.sin((x + y + f) * 0.1 + phase) - 128;
                }
            }
            for (int by = 0; by < SIDE; by += BLOCK) {
                for (int bx = 0; bx < SIDE; bx += BLOCK) {
                    nonZero += encodeBlock(frame, bx, by);
                }
            }
        }
        return Json.object().put("frames", frames).put("coefficients", nonZero)
                .put("ratio", (double) (frames * SIDE * SIDE) / Math.max(1, nonZero));
    }

    /** DCT-II of one block, quantised by 16; returns how many coefficients survive. */
    private static int encodeBlock(double[][] f, int bx, int by) {
        int kept = 0;
        for (int v = 0; v < BLOCK; v++) {
            for (int u = 0; u < BLOCK; u++) {
                double s = 0;
                for (int y = 0; y < BLOCK; y++) {
                    for (int x = 0; x < BLOCK; x++) {
                        s += f[by + y][bx + x] * COS[x][u] * COS[y][v];
                    }
                }
                double cu = u == 0 ? Math.sqrt(0.5) : 1;
                double cv = v == 0 ? Math.sqrt(0.5) : 1;
                if (Math.round(0.25 * cu * cv * s / 16) != 0) {
                    kept++;
                }
            }
        }
        return kept;
    }
}

package io.hybridrouter.shared.cost;

/**
 * A valid Fargate task size (Linux). The table of CPU/memory pairs is AWS's
 * (docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html, checked 2026-11).
 */
public record FargateSize(double vcpu, int memoryMb) {

    private static final double[] VCPU = {0.25, 0.5, 1, 2, 4, 8, 16};
    private static final int[] MIN_MB = {512, 1024, 2048, 4096, 8192, 16384, 32768};
    private static final int[] MAX_MB = {2048, 4096, 8192, 16384, 30720, 61440, 122880};
    private static final int[] STEP_MB = {512, 1024, 1024, 1024, 1024, 4096, 8192};

    /** The smallest valid size with at least {@code vcpu} vCPU and {@code memoryMb} memory. */
    public static FargateSize atLeast(double vcpu, int memoryMb) {
        for (int i = 0; i < VCPU.length; i++) {
            if (VCPU[i] + 1e-9 < vcpu || MAX_MB[i] < memoryMb) {
                continue;
            }
            int mb = Math.max(MIN_MB[i], memoryMb);
            mb = ((mb + STEP_MB[i] - 1) / STEP_MB[i]) * STEP_MB[i];
            // the 0.25 vCPU size also offers 512 MB; steps above that are whole GB
            if (i == 0 && mb > 512 && mb < 1024) {
                mb = 1024;
            }
            return new FargateSize(VCPU[i], Math.min(mb, MAX_MB[i]));
        }
        throw new IllegalArgumentException("no Fargate task size has " + vcpu + " vCPU and " + memoryMb + " MB");
    }

    public double memoryGb() {
        return memoryMb / 1024.0;
    }

    /** The price of one hour of this task at these prices. */
    public double usdPerHour(Prices prices) {
        return prices.fargateUsdPerHour(vcpu, memoryMb);
    }
}

package io.hybridrouter.shared.cost;

/**
 * The prices of one region, as read from a {@link PriceTable}: what turns measured or predicted usage
 * into dollars. Immutable and thread-safe.
 *
 * @param region                     the AWS region these prices are for
 * @param lambdaUsdPerGbSecond       Lambda x86_64 duration price
 * @param lambdaArmUsdPerGbSecond    Lambda arm64 duration price
 * @param lambdaUsdPerRequest        Lambda request price
 * @param fargateUsdPerVcpuHour      Fargate Linux/x86_64 vCPU price
 * @param fargateUsdPerGbHour        Fargate Linux/x86_64 memory price
 * @param fargateArmUsdPerVcpuHour   Fargate Linux/arm64 vCPU price
 * @param fargateArmUsdPerGbHour     Fargate Linux/arm64 memory price
 * @param fargateMinimumBilledS      Fargate's minimum billed time per task, seconds
 * @param eventBridgeUsdPerEvent     custom events, per 64 KB chunk
 * @param sqsUsdPerRequest           standard queue requests, per 64 KB chunk
 */
public record Prices(
        String region,
        double lambdaUsdPerGbSecond,
        double lambdaArmUsdPerGbSecond,
        double lambdaUsdPerRequest,
        double fargateUsdPerVcpuHour,
        double fargateUsdPerGbHour,
        double fargateArmUsdPerVcpuHour,
        double fargateArmUsdPerGbHour,
        double fargateMinimumBilledS,
        double eventBridgeUsdPerEvent,
        double sqsUsdPerRequest) {

    /** The bundled table's default region (us-east-1, on-demand). */
    public static Prices defaults() {
        return PriceTable.bundled().defaultPrices();
    }

    /** One x86_64 invocation: the request plus {@code billedMs} at {@code memoryMb}. */
    public double lambdaCostUsd(int memoryMb, double billedMs) {
        return lambdaUsdPerRequest + (memoryMb / 1024.0) * (billedMs / 1000.0) * lambdaUsdPerGbSecond;
    }

    /** One arm64 (Graviton) invocation: the request plus {@code billedMs} at {@code memoryMb}. */
    public double lambdaArmCostUsd(int memoryMb, double billedMs) {
        return lambdaUsdPerRequest + (memoryMb / 1024.0) * (billedMs / 1000.0) * lambdaArmUsdPerGbSecond;
    }

    /** One hour of an x86_64 Fargate task of this size. */
    public double fargateUsdPerHour(double vcpu, int memoryMb) {
        return vcpu * fargateUsdPerVcpuHour + memoryMb / 1024.0 * fargateUsdPerGbHour;
    }

    /** Whole seconds, at least the minimum. */
    public double fargateBilledSeconds(double seconds) {
        return Math.max(fargateMinimumBilledS, Math.ceil(seconds));
    }

    /** One task of this size billed for {@code billedSeconds} (already rounded, see {@link #fargateBilledSeconds}). */
    public double fargateCostUsd(double vcpu, int memoryMb, double billedSeconds) {
        return fargateUsdPerHour(vcpu, memoryMb) * billedSeconds / 3600.0;
    }
}

package io.hybridrouter.shared.cost;

import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.Capacity;

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
 * @param fargateSpotUsdPerVcpuHour  Fargate Spot Linux/x86_64 vCPU price; NaN when the table offers no Spot
 * @param fargateSpotUsdPerGbHour    Fargate Spot Linux/x86_64 memory price; NaN when the table offers no Spot
 * @param fargateSpotArmUsdPerVcpuHour Fargate Spot Linux/arm64 vCPU price; NaN when the table offers no arm64 Spot
 * @param fargateSpotArmUsdPerGbHour   Fargate Spot Linux/arm64 memory price; NaN when the table offers no arm64 Spot
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
        double sqsUsdPerRequest,
        double fargateSpotUsdPerVcpuHour,
        double fargateSpotUsdPerGbHour,
        double fargateSpotArmUsdPerVcpuHour,
        double fargateSpotArmUsdPerGbHour) {

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

    /** Whether the table prices Fargate Spot (x86_64); without Spot prices the router never chooses Spot. */
    public boolean spotAvailable() {
        return spotAvailable(Arch.X86_64);
    }

    /** Whether the table prices Fargate Spot on {@code arch}. */
    public boolean spotAvailable(Arch arch) {
        return arch == Arch.ARM64
                ? Double.isFinite(fargateSpotArmUsdPerVcpuHour) && Double.isFinite(fargateSpotArmUsdPerGbHour)
                : Double.isFinite(fargateSpotUsdPerVcpuHour) && Double.isFinite(fargateSpotUsdPerGbHour);
    }

    /** One hour of a Fargate task of this size on {@code arch} and {@code capacity}; NaN when it is not priced. */
    public double fargateUsdPerHour(Arch arch, Capacity capacity, double vcpu, int memoryMb) {
        double gb = memoryMb / 1024.0;
        if (capacity == Capacity.SPOT) {
            return arch == Arch.ARM64 ? vcpu * fargateSpotArmUsdPerVcpuHour + gb * fargateSpotArmUsdPerGbHour
                    : vcpu * fargateSpotUsdPerVcpuHour + gb * fargateSpotUsdPerGbHour;
        }
        return arch == Arch.ARM64 ? vcpu * fargateArmUsdPerVcpuHour + gb * fargateArmUsdPerGbHour
                : vcpu * fargateUsdPerVcpuHour + gb * fargateUsdPerGbHour;
    }

    /** One hour of an x86_64 Fargate Spot task of this size; NaN when the table offers no Spot. */
    public double fargateSpotUsdPerHour(double vcpu, int memoryMb) {
        return vcpu * fargateSpotUsdPerVcpuHour + memoryMb / 1024.0 * fargateSpotUsdPerGbHour;
    }

    /** The same prices without Spot (as a table without a {@code fargate_spot} section). */
    public Prices withoutSpot() {
        return new Prices(region, lambdaUsdPerGbSecond, lambdaArmUsdPerGbSecond, lambdaUsdPerRequest,
                fargateUsdPerVcpuHour, fargateUsdPerGbHour, fargateArmUsdPerVcpuHour, fargateArmUsdPerGbHour,
                fargateMinimumBilledS, eventBridgeUsdPerEvent, sqsUsdPerRequest, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
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

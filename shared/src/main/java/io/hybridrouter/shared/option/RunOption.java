package io.hybridrouter.shared.option;

import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.cost.AwsPricing;
import io.hybridrouter.shared.cost.FargateSize;
import io.hybridrouter.shared.cost.Prices;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One place a job can run: a platform with its size, architecture and capacity. A Lambda option is an
 * executor function of one memory size and architecture (its vCPUs grow with memory, 1,769 MB = one
 * vCPU); an ECS option is a Fargate task size (a valid cpu/memory pair) on on-demand or Spot capacity.
 * The {@link #id()} is what decisions, rules and outcomes carry ({@code lambda-arm64-1769mb},
 * {@code ecs-1vcpu-2gb-spot}). Immutable and thread-safe.
 *
 * @param id       the option's name on the wire and in rule names
 * @param platform Lambda or ECS
 * @param arch     the architecture it runs on
 * @param memoryMb memory it has
 * @param vcpu     vCPUs it has (Lambda: in proportion to memory, at most 6)
 * @param capacity on-demand or Spot (Lambda: always on-demand)
 */
public record RunOption(String id, Platform platform, Arch arch, int memoryMb, double vcpu, Capacity capacity) {

    /** What an option id may be: it becomes part of an EventBridge rule name and target id. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,47}");

    public RunOption {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(capacity, "capacity");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("option id \"" + id + "\" must match " + ID.pattern());
        }
        if (platform == Platform.LAMBDA && capacity != Capacity.ON_DEMAND) {
            throw new IllegalArgumentException("option " + id + ": a Lambda option has no Spot capacity");
        }
    }

    /** A Lambda executor of {@code memoryMb} on {@code arch}. */
    public static RunOption lambda(Arch arch, int memoryMb) {
        if (memoryMb < AwsPricing.LAMBDA_MIN_MEMORY_MB || memoryMb > AwsPricing.LAMBDA_MAX_MEMORY_MB) {
            throw new IllegalArgumentException("a Lambda function has " + AwsPricing.LAMBDA_MIN_MEMORY_MB + " to "
                    + AwsPricing.LAMBDA_MAX_MEMORY_MB + " MB, got " + memoryMb);
        }
        return new RunOption("lambda-" + arch.wireName() + "-" + memoryMb + "mb", Platform.LAMBDA, arch, memoryMb,
                lambdaVcpu(memoryMb), Capacity.ON_DEMAND);
    }

    /** An x86_64 Fargate task of {@code size} on {@code capacity}; the size must be a valid pair. */
    public static RunOption fargate(FargateSize size, Capacity capacity) {
        return fargate(size, Arch.X86_64, capacity);
    }

    /** A Fargate task of {@code size} on {@code arch} and {@code capacity}; the size must be a valid pair. */
    public static RunOption fargate(FargateSize size, Arch arch, Capacity capacity) {
        FargateSize valid = FargateSize.atLeast(size.vcpu(), size.memoryMb());
        if (valid.vcpu() != size.vcpu() || valid.memoryMb() != size.memoryMb()) {
            throw new IllegalArgumentException(size.vcpu() + " vCPU with " + size.memoryMb()
                    + " MB is not a Fargate task size (valid pairs: see FargateSize)");
        }
        String id = "ecs-" + arch.wireName() + "-" + plain(size.vcpu()) + "vcpu-" + plain(size.memoryMb() / 1024.0)
                + "gb" + (capacity == Capacity.SPOT ? "-spot" : "");
        return new RunOption(id, Platform.ECS, arch, size.memoryMb(), size.vcpu(), capacity);
    }

    /** vCPUs a function gets at this memory size. */
    public static double lambdaVcpu(int memoryMb) {
        return Math.min(AwsPricing.LAMBDA_MAX_VCPU, memoryMb / (double) AwsPricing.LAMBDA_MB_PER_VCPU);
    }

    public boolean spot() {
        return capacity == Capacity.SPOT;
    }

    /** The Fargate size of an ECS option. */
    public FargateSize fargateSize() {
        if (platform != Platform.ECS) {
            throw new IllegalStateException(id + " is not an ECS option");
        }
        return new FargateSize(vcpu, memoryMb);
    }

    /** The same task size on on-demand capacity (itself when it is not Spot). */
    public RunOption onDemand() {
        return spot() ? fargate(fargateSize(), arch, Capacity.ON_DEMAND) : this;
    }

    /** One Lambda invocation billed {@code billedMs} (whole ms) at this option's memory and architecture. */
    public double lambdaCostUsd(Prices prices, double billedMs) {
        return arch == Arch.ARM64 ? prices.lambdaArmCostUsd(memoryMb, billedMs)
                : prices.lambdaCostUsd(memoryMb, billedMs);
    }

    /** One hour of this option's Fargate task at its capacity's prices. */
    public double fargateUsdPerHour(Prices prices) {
        return prices.fargateUsdPerHour(arch, capacity, vcpu, memoryMb);
    }

    /** One Fargate task of this option billed for {@code billedSeconds} (already rounded). */
    public double fargateCostUsd(Prices prices, double billedSeconds) {
        return fargateUsdPerHour(prices) * billedSeconds / 3600.0;
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return id;
    }
}

using Orleans.Saga.DevKafka.Tests.Infrastructure;

namespace Orleans.Saga.Faults.Tests.Infrastructure.Silos;

/// <summary>The loopback ports of one silo: silo-to-silo, client gateway, and HTTP (health).</summary>
public sealed record SiloPorts(int Silo, int Gateway, int Http)
{
    public static SiloPorts Free() => new(FreePorts.Consecutive(1), FreePorts.Consecutive(1), FreePorts.Consecutive(1));
}

using Orleans.Saga.Domain.Windows;

namespace Orleans.Saga.Domain.Tests.Windows;

public class StreamWatermarkTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Starts_at_the_initial_value_with_no_partitions()
    {
        Assert.Equal(long.MinValue, new StreamWatermark(IdleTimeout).Compute(Now));
        Assert.Equal(500, new StreamWatermark(IdleTimeout, initial: 500).Compute(Now));
    }

    [Fact]
    public void Is_the_minimum_over_active_partitions()
    {
        var watermark = new StreamWatermark(IdleTimeout);
        watermark.Report(0, 1_000, Now);
        watermark.Report(1, 700, Now.AddSeconds(-5));
        watermark.Report(2, 900, Now);

        Assert.Equal(700, watermark.Compute(Now));
        Assert.Equal(700, watermark.Current);
    }

    [Fact]
    public void Idle_partitions_do_not_hold_it_back()
    {
        var watermark = new StreamWatermark(IdleTimeout);
        watermark.Report(0, 1_000, Now);
        watermark.Report(1, 100, Now - IdleTimeout); // exactly the timeout: idle
        watermark.Report(2, 200, Now - IdleTimeout + TimeSpan.FromSeconds(1)); // still active

        Assert.Equal(200, watermark.Compute(Now));
        Assert.Equal(1_000, watermark.Compute(Now.AddSeconds(1)));
    }

    [Fact]
    public void An_active_partition_without_a_watermark_holds_it_where_it_is()
    {
        var watermark = new StreamWatermark(IdleTimeout, initial: 100);
        watermark.Report(0, 1_000, Now);
        watermark.Report(1, null, Now);

        // Partition 1 is busy but has seen no event yet: its first one may be of any time.
        Assert.Equal(100, watermark.Compute(Now));

        watermark.Report(1, 600, Now);
        Assert.Equal(600, watermark.Compute(Now));
    }

    [Fact]
    public void An_idle_partition_without_a_watermark_holds_nothing_back()
    {
        var watermark = new StreamWatermark(IdleTimeout);
        watermark.Report(0, 1_000, Now);
        watermark.Report(1, null, Now - IdleTimeout);

        Assert.Equal(1_000, watermark.Compute(Now));
    }

    [Fact]
    public void When_all_partitions_are_idle_the_furthest_watermark_wins()
    {
        var watermark = new StreamWatermark(IdleTimeout);
        watermark.Report(0, 1_000, Now);
        watermark.Report(1, 400, Now);
        Assert.Equal(400, watermark.Compute(Now));

        var later = Now + IdleTimeout + TimeSpan.FromSeconds(1);
        Assert.Equal(1_000, watermark.Compute(later));
    }

    [Fact]
    public void Never_moves_backwards()
    {
        var watermark = new StreamWatermark(IdleTimeout);
        watermark.Report(0, 1_000, Now);
        Assert.Equal(1_000, watermark.Compute(Now));

        // A lagging partition wakes up: the minimum drops, the stream watermark does not.
        watermark.Report(1, 200, Now.AddSeconds(1));
        Assert.Equal(1_000, watermark.Compute(Now.AddSeconds(1)));
        Assert.Equal(1_000, watermark.Current);

        watermark.Report(1, 1_500, Now.AddSeconds(2));
        watermark.Report(0, 1_200, Now.AddSeconds(2));
        Assert.Equal(1_200, watermark.Compute(Now.AddSeconds(2)));
    }

    [Fact]
    public void Never_drops_below_its_initial_value()
    {
        var watermark = new StreamWatermark(IdleTimeout, initial: 5_000);
        watermark.Report(0, 1_000, Now);

        Assert.Equal(5_000, watermark.Compute(Now));
    }

    [Fact]
    public void A_new_report_replaces_the_previous_one_for_that_partition()
    {
        var watermark = new StreamWatermark(IdleTimeout);
        watermark.Report(0, 100, Now);
        watermark.Report(1, 500, Now);
        watermark.Report(0, 800, Now);

        Assert.Equal(500, watermark.Compute(Now));
    }
}

using Orleans.Saga.Options;

namespace Orleans.Saga.Grains.Tests.Options;

public sealed class PipelineOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_a_partition_catching_up_checkpoints_every_2_s()
    {
        var options = new PipelineOptions();

        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(2), options.CatchUpCheckpointInterval);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_catch_up_multiple_below_1_is_refused(int multiple)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PipelineOptions { CatchUpCheckpointMultiple = multiple }.Validate());

        Assert.Contains("Saga:CatchUpCheckpointMultiple", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stale_limit_must_exceed_the_catch_up_interval_not_only_the_checkpoint_interval()
    {
        var options = new PipelineOptions { CheckpointInterval = TimeSpan.FromSeconds(1), PartitionStaleAfter = TimeSpan.FromSeconds(3) };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("Saga:PartitionStaleAfter", error.Message, StringComparison.Ordinal);
        Assert.Contains("Saga:CatchUpCheckpointMultiple", error.Message, StringComparison.Ordinal);

        options.CatchUpCheckpointMultiple = 1;
        options.Validate();
    }
}

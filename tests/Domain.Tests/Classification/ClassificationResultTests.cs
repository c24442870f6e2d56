using Orleans.Saga.Domain.Classification;
using Orleans.Saga.Domain.Events;

namespace Orleans.Saga.Domain.Tests.Classification;

public class ClassificationResultTests
{
    [Fact]
    public void Success_carries_a_label()
    {
        var result = ClassificationResult.Success("Star Wars");
        Assert.True(result.IsSuccess);
        Assert.Equal(new ClassificationResult("Star Wars", null, null), result);
    }

    [Fact]
    public void Reject_carries_a_reason_and_detail()
    {
        var result = ClassificationResult.Reject(RejectionReason.NoLabel, "no label");
        Assert.False(result.IsSuccess);
        Assert.Equal(RejectionReason.NoLabel, result.Rejection);
        Assert.Equal("no label", result.Detail);
    }

    [Fact]
    public void Empty_labels_are_refused() => Assert.Throws<ArgumentException>(() => ClassificationResult.Success(""));
}

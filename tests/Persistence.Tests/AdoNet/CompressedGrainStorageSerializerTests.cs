using Microsoft.Extensions.DependencyInjection;
using Orleans.Saga.Persistence.MySql;
using Orleans.Saga.Persistence.Tests.Grains;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Saga.Persistence.Tests.AdoNet;

public sealed class CompressedGrainStorageSerializerTests
{
    private static readonly IGrainStorageSerializer Plain = new OrleansGrainStorageSerializer(
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    private readonly CompressedGrainStorageSerializer _compressed = new(Plain);

    [Fact]
    public void State_of_a_kilobyte_or_more_is_stored_compressed_and_read_back()
    {
        // Like a checkpoint: the same names over and over.
        var state = new LargeState { Payload = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"Hermione Granger={i};")) };

        var stored = _compressed.Serialize(state).ToArray();

        Assert.Equal("SZ\u0001"u8.ToArray(), stored[..3]);
        Assert.True(stored.Length * 3 < Plain.Serialize(state).ToArray().Length, $"stored {stored.Length} bytes");
        Assert.Equal(state.Payload, _compressed.Deserialize<LargeState>(new BinaryData(stored))!.Payload);
    }

    [Fact]
    public void Smaller_state_is_stored_as_the_inner_serializer_writes_it()
    {
        var state = new LargeState { Payload = "small" };

        Assert.Equal(Plain.Serialize(state).ToArray(), _compressed.Serialize(state).ToArray());
    }

    [Fact]
    public void State_stored_uncompressed_by_earlier_versions_is_read()
    {
        var state = new LargeState { Payload = new string('x', 10_000) };

        Assert.Equal(state.Payload, _compressed.Deserialize<LargeState>(Plain.Serialize(state))!.Payload);
    }

    [Fact]
    public void A_corrupt_compressed_state_is_an_error_not_a_default()
    {
        var stored = _compressed.Serialize(new LargeState { Payload = new string('x', 10_000) }).ToArray();
        var damaged = stored.ToArray();
        damaged[^4] ^= 0xFF;
        damaged[^3] ^= 0xFF;

        Assert.Throws<InvalidDataException>(() => _compressed.Deserialize<LargeState>(new BinaryData(damaged)));
        Assert.Throws<InvalidDataException>(() => _compressed.Deserialize<LargeState>(new BinaryData(stored[..5])));
    }
}

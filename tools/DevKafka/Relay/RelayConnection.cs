using System.Buffers;
using System.Net.Sockets;

namespace Orleans.Saga.DevKafka.Relay;

/// <summary>
/// One client connection spliced to one upstream connection: two pumps copy bytes each way until either side
/// closes or fails. Bytes are never parsed, so every Kafka request and response passes through unchanged.
/// </summary>
internal sealed class RelayConnection
{
    // Fetch responses and produce batches run to megabytes; large reads keep the syscall count low.
    private const int BufferSize = 256 * 1024;

    private readonly Socket _client;
    private readonly Socket _upstream;
    private int _closed;

    public RelayConnection(Socket client, Socket upstream)
    {
        _client = client;
        _upstream = upstream;
        _client.NoDelay = true;
        _upstream.NoDelay = true;
    }

    /// <summary>Relays until both directions are done, then closes both sockets.</summary>
    public async Task RunAsync()
    {
        await Task.WhenAll(PumpAsync(_client, _upstream), PumpAsync(_upstream, _client));
        Close();
    }

    /// <summary>Closes both sockets; <see cref="RunAsync"/> then completes promptly.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _client.Dispose();
            _upstream.Dispose();
        }
    }

    private async Task PumpAsync(Socket source, Socket destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var received = await source.ReceiveAsync(buffer, SocketFlags.None);
                if (received == 0)
                {
                    // Pass the end of stream on, and let the other direction drain.
                    destination.Shutdown(SocketShutdown.Send);
                    return;
                }

                await destination.SendAsync(buffer.AsMemory(0, received), SocketFlags.None);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // A reset or a Close from the other pump or from the relay: nothing left to relay either way.
            Close();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

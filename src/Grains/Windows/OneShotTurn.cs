namespace Orleans.Saga.Windows;

/// <summary>
/// A turn of a grain's own, run as soon as the grain is free; every request made before it starts shares it. It is
/// not interleaved with the grain's other turns, so it may change the state that interleaved calls only queue for.
/// </summary>
internal sealed class OneShotTurn(IGrainBase grain, Func<Task> run)
{
    private IGrainTimer? _timer;

    public void Request() => _timer ??= grain.RegisterGrainTimer(RunAsync, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

    private Task RunAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        return run();
    }
}

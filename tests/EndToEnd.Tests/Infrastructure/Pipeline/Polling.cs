namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Pipeline;

/// <summary>
/// Waits for a condition over a cluster in motion: grain calls may fail while a silo stops or a server is down, so a
/// failing check counts as "not yet"; on timeout the message says what was last seen.
/// </summary>
public static class Polling
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Exception? failure = null;
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            if (DateTime.UtcNow > deadline)
            {
                var seen = state?.Invoke() ?? string.Empty;
                var error = failure is null ? string.Empty : $" Last check failed: {failure.GetType().Name}: {failure.Message}";
                Assert.Fail($"Timed out after {timeout} waiting until {what}. {seen}{error}");
            }

            await Task.Delay(Interval);
        }
    }
}

namespace Orleans.Saga.Persistence.Tests.Grains;

/// <summary>A grain whose state lives in the ADO.NET grain storage named "Default".</summary>
public interface ILargeStateGrain : IGrainWithStringKey
{
    Task WriteAsync(string payload);

    /// <summary>The payload as read from storage now, not the copy in memory.</summary>
    Task<string?> ReadFromStorageAsync();

    Task ClearAsync();
}

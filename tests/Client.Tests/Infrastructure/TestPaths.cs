using System.Reflection;

namespace Orleans.Saga.Client.Tests.Infrastructure;

/// <summary>Paths the build writes into this assembly: the built <c>saga</c> and <c>devkafka</c>, and the repository.</summary>
public static class TestPaths
{
    public static string Saga => Metadata("SagaAssembly");

    public static string DevKafka => Metadata("DevKafkaAssembly");

    public static string RepositoryRoot => Path.GetFullPath(Metadata("RepositoryRoot"));

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

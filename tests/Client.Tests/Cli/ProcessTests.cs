using Orleans.Saga.Client.Tests.Infrastructure;

namespace Orleans.Saga.Client.Tests.Cli;

/// <summary>The built binary, as users run it: exit codes and the first line of stderr.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task An_unreachable_cluster_is_one_line_and_exit_code_3()
    {
        var port = FreePort.Next();

        var result = await SagaProcess.RunAsync("leaders", "-c", $"Saga:Silo:GatewayPort={port}");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal(
            $"error: cannot reach the Orleans cluster at 127.0.0.1:{port} (Localhost clustering). Is a silo running? Start one with scripts/run.sh or set Saga:Clustering.",
            result.FirstErrorLine);
        Assert.Equal(result.FirstErrorLine, result.Error.TrimEnd());
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task Verbose_adds_the_exception()
    {
        var result = await SagaProcess.RunAsync("windows", "--gateway", $"127.0.0.1:{FreePort.Next()}", "--verbose");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("(--gateway). Is a silo running there?", result.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_broker_is_one_line_and_exit_code_4()
    {
        var bootstrap = $"127.0.0.1:{FreePort.Next()}";

        var result = await SagaProcess.RunAsync("produce", "--generate", "3", "--bootstrap", bootstrap, "-c", "Saga:Client:KafkaTimeout=00:00:02");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Equal(
            $"error: cannot reach the Kafka broker at {bootstrap} (Saga:Kafka:BootstrapServers). Is it running? Start the dev broker with scripts/devkafka.sh start, or pass --bootstrap HOST:PORT.",
            result.Error.TrimEnd());
    }

    [Fact]
    public async Task Bad_arguments_are_a_usage_error_with_exit_code_2()
    {
        var result = await SagaProcess.RunAsync("leaders", "--top", "zero");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.FirstErrorLine, StringComparison.Ordinal);
        Assert.Contains("zero", result.FirstErrorLine, StringComparison.Ordinal);
        Assert.Contains("Run 'saga leaders --help'", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task Help_has_examples_and_fits_80_columns()
    {
        var result = await SagaProcess.RunAsync("--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Examples:", result.Out, StringComparison.Ordinal);
        Assert.All(result.OutLines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
    }
}

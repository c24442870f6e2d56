using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;

namespace Orleans.Saga.DevKafka;

/// <summary>The <c>devkafka</c> command line.</summary>
internal static class DevKafkaCommand
{
    public static RootCommand Create(Func<DevBrokerOptions, CancellationToken, Task<int>> run)
    {
        var listen = new Option<IPEndPoint>("--listen")
        {
            Description = "Fixed endpoint of broker 1; broker i uses port + i - 1.",
            DefaultValueFactory = _ => new IPEndPoint(IPAddress.Loopback, 9092),
            CustomParser = ParseEndpoint,
        };
        var topics = new Option<string>("--topics")
        {
            Description = "Topics to create, NAME:PARTITIONS,... (empty for none).",
            DefaultValueFactory = _ => "events:4,events-dlq:1",
        };
        topics.Validators.Add(result =>
        {
            try
            {
                TopicSpec.ParseList(result.GetValueOrDefault<string>());
            }
            catch (FormatException exception)
            {
                result.AddError(exception.Message);
            }
        });
        var control = new Option<IPEndPoint?>("--control")
        {
            Description = "Control channel endpoint. Default: the listen address at the port after the last broker's.",
            CustomParser = ParseEndpoint,
        };
        var brokers = new Option<int>("--brokers")
        {
            Description = "Number of mock brokers.",
            DefaultValueFactory = _ => 1,
        };
        brokers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > DevBrokerOptions.MaxBrokers)
            {
                result.AddError($"--brokers must be 1..{DevBrokerOptions.MaxBrokers}.");
            }
        });
        var pidFile = new Option<string?>("--pid-file") { Description = "Write the process id here while running." };
        var readyFile = new Option<string?>("--ready-file") { Description = "Write the ready line here once ready." };

        var command = new RootCommand("A development Kafka broker: librdkafka's mock cluster behind fixed loopback ports.")
        {
            listen, topics, control, brokers, pidFile, readyFile,
        };

        command.SetAction((result, cancellation) =>
        {
            var options = new DevBrokerOptions
            {
                Listen = result.GetValue(listen)!,
                Brokers = result.GetValue(brokers),
                ExplicitControl = result.GetValue(control),
                Topics = TopicSpec.ParseList(result.GetValue(topics)!),
                PidFile = result.GetValue(pidFile),
                ReadyFile = result.GetValue(readyFile),
            };
            if (options.Validate() is { } error)
            {
                Console.Error.WriteLine(error);
                return Task.FromResult(1);
            }

            return run(options, cancellation);
        });

        return command;
    }

    private static IPEndPoint? ParseEndpoint(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port is > 0 and <= IPEndPoint.MaxPort)
        {
            return endpoint;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= IPEndPoint.MaxPort)
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        result.AddError($"'{text}' is not an IP:PORT endpoint (or a port on 127.0.0.1).");
        return null;
    }
}

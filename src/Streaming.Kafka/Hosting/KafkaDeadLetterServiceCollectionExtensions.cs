using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Saga.Streaming.Kafka;

public static class KafkaDeadLetterServiceCollectionExtensions
{
    /// <summary>Registers <see cref="KafkaDeadLetterPublisher"/> as the <see cref="IDeadLetterPublisher"/>.</summary>
    public static IServiceCollection AddKafkaDeadLetters(this IServiceCollection services, Action<OptionsBuilder<KafkaDeadLetterOptions>>? configure = null)
    {
        var options = services.AddOptions<KafkaDeadLetterOptions>();
        configure?.Invoke(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaDeadLetterOptions>, KafkaDeadLetterOptionsValidator>());
        services.AddKafkaDiagnostics();
        services.TryAddSingleton<KafkaDeadLetterPublisher>();
        services.TryAddSingleton<IDeadLetterPublisher>(services => services.GetRequiredService<KafkaDeadLetterPublisher>());
        return services;
    }
}

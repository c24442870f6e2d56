using System.Reflection;
using System.Runtime.InteropServices;

namespace Orleans.Saga.DevKafka.Native;

/// <summary>
/// Points <see cref="LibRdKafka"/> at a librdkafka build that loads on this machine. The plain linux-x64 build
/// in librdkafka.redist links libsasl2.so.3, which Debian 12 lacks; its <c>centos8-</c> build has no SASL
/// dependency. <c>DEVKAFKA_LIBRDKAFKA</c> overrides the choice with an explicit path.
/// </summary>
internal static class LibRdKafkaLoader
{
    public const string OverrideVariable = "DEVKAFKA_LIBRDKAFKA";

    private static string? _loadedFrom;

    /// <summary>Where the library was loaded from, once a call into it has been made.</summary>
    public static string? LoadedFrom => _loadedFrom;

    public static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(LibRdKafkaLoader).Assembly, Resolve);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibRdKafka.LibraryName)
        {
            return 0;
        }

        var failures = new List<string>();
        foreach (var candidate in Candidates())
        {
            try
            {
                var handle = NativeLibrary.Load(candidate);
                _loadedFrom = candidate;
                return handle;
            }
            catch (DllNotFoundException exception)
            {
                failures.Add(exception.Message); // names the file and why the dynamic loader refused it
            }
        }

        throw new DllNotFoundException(
            $"Could not load librdkafka ({string.Join(" | ", failures)}). Set {OverrideVariable} to a librdkafka.so that loads here.");
    }

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } explicitPath)
        {
            // An explicit choice is the only candidate: silently falling back would hide a typo.
            yield return explicitPath;
            yield break;
        }

        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var nativeDirectory = Path.Combine(AppContext.BaseDirectory, "runtimes", $"linux-{architecture}", "native");
        yield return Path.Combine(nativeDirectory, "centos8-librdkafka.so");
        yield return Path.Combine(nativeDirectory, "librdkafka.so");
        yield return "librdkafka.so.1";
    }
}

namespace Orleans.Saga.DevKafka;

/// <summary>
/// Tells whoever started the tool that it is ready: the ready line on stdout, plus the optional pid and ready
/// files. Disposing removes the files, so their presence means "running and ready".
/// </summary>
internal sealed class ReadySignal : IDisposable
{
    private readonly string? _pidFile;
    private readonly string? _readyFile;

    private ReadySignal(string? pidFile, string? readyFile)
    {
        _pidFile = pidFile;
        _readyFile = readyFile;
    }

    public static ReadySignal Raise(DevBrokerOptions options, string readyLine)
    {
        if (options.PidFile is { } pidFile)
        {
            WriteAtomically(pidFile, $"{Environment.ProcessId}\n");
        }

        // Last, so a reader that sees it also sees the pid file.
        if (options.ReadyFile is { } readyFile)
        {
            WriteAtomically(readyFile, readyLine + "\n");
        }

        Console.Out.WriteLine(readyLine);
        Console.Out.Flush();
        return new ReadySignal(options.PidFile, options.ReadyFile);
    }

    public void Dispose()
    {
        Delete(_readyFile);
        Delete(_pidFile);
    }

    private static void WriteAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }

    private static void Delete(string? path)
    {
        if (path is not null)
        {
            File.Delete(path);
        }
    }
}

using System.Text;

namespace Orleans.Saga.EndToEnd.Tests.Infrastructure.Servers;

/// <summary>
/// The repository's sql/ scripts aimed at another database than <c>seedtag</c>, so that each test has a database of
/// its own on a shared server.
/// </summary>
public static class SchemaScripts
{
    /// <summary>Creates the database and applies the table scripts to it.</summary>
    /// <remarks>
    /// <c>00-database.sql</c> is replaced by our own CREATE DATABASE; <c>50-app-user.sql</c> is left out because it
    /// resets the shared <c>saga</c> account (REVOKE ALL) and would take other tests' grants away: the caller grants
    /// the account this database instead.
    /// </remarks>
    public static string For(string database)
    {
        var sql = new StringBuilder($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n");
        foreach (var path in Directory.GetFiles(RepositoryPaths.SqlDirectory, "*.sql").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith("00-", StringComparison.Ordinal) || name.StartsWith("50-", StringComparison.Ordinal))
            {
                continue;
            }

            sql.Append(Retarget(name, File.ReadAllLines(path), database));
        }

        return sql.ToString();
    }

    private static string Retarget(string name, string[] lines, string database)
    {
        var uses = 0;
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.Trim().Equals("USE seedtag;", StringComparison.OrdinalIgnoreCase))
            {
                uses++;
                text.Append($"USE `{database}`;\n");
                continue;
            }

            if (!line.TrimStart().StartsWith("--", StringComparison.Ordinal) && line.Contains("seedtag", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"sql/{name} names seedtag outside its USE line; the end-to-end tests cannot retarget it: {line}");
            }

            text.Append(line).Append('\n');
        }

        if (uses != 1)
        {
            throw new InvalidOperationException($"sql/{name} has {uses} 'USE seedtag;' lines; the end-to-end tests expect exactly one.");
        }

        return text.ToString();
    }
}

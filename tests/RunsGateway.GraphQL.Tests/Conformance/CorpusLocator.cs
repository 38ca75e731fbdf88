namespace RunsGateway.GraphQL.Tests.Conformance;

/// <summary>
/// Finds the conformance corpora: the shared corpus (a <c>shared/graphql-conformance</c> folder found by walking up from
/// the test binaries, i.e. <c>../shared</c> next to the clone) followed by every directory listed in
/// <see cref="EnvironmentVariable"/> (separated by <see cref="Path.PathSeparator"/>, same layout).
/// </summary>
public static class CorpusLocator
{
    /// <summary>The environment variable listing additional corpus directories.</summary>
    public const string EnvironmentVariable = "GRAPHQL_CONFORMANCE_DIRS";

    private static readonly Lazy<IReadOnlyList<string>> Cached = new(Locate);

    /// <summary>The shared corpus root first, then the extra corpora from <see cref="EnvironmentVariable"/> (full paths, no duplicates).</summary>
    public static IReadOnlyList<string> Directories() => Cached.Value;

    /// <summary>The shared corpus root (the first of <see cref="Directories"/>).</summary>
    public static string SharedRoot() => Cached.Value[0];

    /// <summary>
    /// A short prefix that makes case ids unique across corpora: empty for the shared corpus, otherwise the corpus
    /// directory followed by <c>::</c>.
    /// </summary>
    public static string CasePrefix(string corpusDirectory) =>
        string.Equals(corpusDirectory, SharedRoot(), StringComparison.Ordinal) ? string.Empty : corpusDirectory + "::";

    /// <summary>Every existing file at <paramref name="relativePath"/> across the corpora, as (corpus directory, full path).</summary>
    public static IEnumerable<(string Corpus, string File)> FilesNamed(string relativePath)
    {
        foreach (var corpus in Directories())
        {
            var file = Path.Combine(corpus, relativePath);
            if (File.Exists(file))
            {
                yield return (corpus, file);
            }
        }
    }

    private static List<string> Locate()
    {
        var directories = new List<string> { FindSharedCorpus() };

        var extra = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(extra))
        {
            foreach (var entry in extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(entry));
                if (!Directory.Exists(full))
                {
                    throw new DirectoryNotFoundException($"{EnvironmentVariable} lists '{entry}', which does not exist.");
                }

                if (!directories.Contains(full, StringComparer.Ordinal))
                {
                    directories.Add(full);
                }
            }
        }

        return directories;
    }

    private static string FindSharedCorpus()
    {
        // Test binaries may live outside the clone (for example with --artifacts-path /tmp/...), so the source file's
        // own location and the working directory are tried after the binaries' folder.
        string?[] starts = [AppContext.BaseDirectory, ThisSourceDirectory(), Environment.CurrentDirectory];
        foreach (var start in starts)
        {
            if (string.IsNullOrEmpty(start) || !Directory.Exists(start))
            {
                continue;
            }

            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "graphql-conformance");
                if (Directory.Exists(candidate))
                {
                    return Path.TrimEndingDirectorySeparator(Path.GetFullPath(candidate));
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"No 'shared/graphql-conformance' folder found above '{AppContext.BaseDirectory}', the test sources or the working directory. "
            + "Check out the shared material next to the repository (../shared).");
    }

    private static string? ThisSourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        string.IsNullOrEmpty(path) ? null : Path.GetDirectoryName(path);
}

namespace RunsGateway.GraphQL.Tests.Conformance;

/// <summary>
/// Finds the conformance corpora: the repository's own corpus (<c>Conformance/Corpus</c>, copied next to the test binaries)
/// followed by every directory listed in <see cref="EnvironmentVariable"/> (separated by <see cref="Path.PathSeparator"/>,
/// same layout).
/// </summary>
public static class CorpusLocator
{
    /// <summary>The environment variable listing additional corpus directories.</summary>
    public const string EnvironmentVariable = "GRAPHQL_CONFORMANCE_DIRS";

    private static readonly Lazy<IReadOnlyList<string>> Cached = new(Locate);

    /// <summary>The repository's corpus root first, then the extra corpora from <see cref="EnvironmentVariable"/> (full paths, no duplicates).</summary>
    public static IReadOnlyList<string> Directories() => Cached.Value;

    /// <summary>The repository's corpus root (the first of <see cref="Directories"/>).</summary>
    public static string RepositoryCorpus() => Cached.Value[0];

    /// <summary>
    /// A short prefix that makes case ids unique across corpora: empty for the repository's corpus, otherwise the corpus
    /// directory followed by <c>::</c>.
    /// </summary>
    public static string CasePrefix(string corpusDirectory) =>
        string.Equals(corpusDirectory, RepositoryCorpus(), StringComparison.Ordinal) ? string.Empty : corpusDirectory + "::";

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
        var directories = new List<string> { FindRepositoryCorpus() };

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

    private static string FindRepositoryCorpus()
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "Conformance", "Corpus");
        return Directory.Exists(corpus)
            ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(corpus))
            : throw new DirectoryNotFoundException($"The conformance corpus was not copied next to the test binaries ({corpus}); rebuild the test project.");
    }
}

using System.Reflection;
using System.Text.RegularExpressions;

namespace RunsGateway.Tests.Repository;

/// <summary>
/// A clone carries everything its tests read: no file of the repository's code, tests, scripts, benchmarks, tools or docs names
/// a path that leaves the repository root.
/// </summary>
public sealed partial class RepositoryBoundaryTests
{
    private static readonly string Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(typeof(RepositoryBoundaryTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!));

    /// <summary>The folders the rule covers (the issue names src, tests, scripts and bench; tools, docs, eng and .ci are held to it too).</summary>
    private static readonly string[] CheckedFolders = ["src", "tests", "scripts", "bench", "tools", "docs", "eng", ".ci"];

    /// <summary>Build output, installed packages and test leftovers: not part of the repository.</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "bin", "obj", "node_modules", "artifacts", "TestResults", "BenchmarkDotNet.Artifacts", "__mismatch__", ".git",
    };

    [Fact]
    public void RepositoryFiles_RelativePaths_StayInsideTheRepository()
    {
        var violations = new List<string>();
        var checkedFiles = 0;

        foreach (var file in RepositoryTextFiles())
        {
            checkedFiles++;
            var directory = Path.GetDirectoryName(file)!;
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                foreach (Match match in RelativePath().Matches(line))
                {
                    var target = Path.GetFullPath(Path.Combine(directory, match.Value.Replace('\\', '/')));
                    if (!IsInsideRoot(target))
                    {
                        violations.Add($"{Path.GetRelativePath(Root, file)}:{lineNumber}: '{match.Value}' resolves to {target}");
                    }
                }

                if (OutsideReference().Match(line) is { Success: true } outside)
                {
                    violations.Add($"{Path.GetRelativePath(Root, file)}:{lineNumber}: '{outside.Value}' refers to a folder outside the repository");
                }
            }
        }

        checkedFiles.ShouldBeGreaterThan(100);
        violations.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("tests/RunsGateway.Tests", "../../../vendor-docs", false)]
    [InlineData("src/RunsGateway.GraphQL.AspNetCore", "../../scripts/npm-setup.sh", true)]
    [InlineData("tests/RunsGateway.GraphQL.Tests/Conformance/Corpus", "../specs/graphql/", true)]
    public void RelativePath_ResolvedAgainstItsFile_IsInsideOnlyWhenItStaysBelowTheRoot(string folder, string path, bool inside)
    {
        var match = RelativePath().Match($"see \"{path}\"");

        match.Success.ShouldBeTrue();
        IsInsideRoot(Path.GetFullPath(Path.Combine(Root, folder, match.Value))).ShouldBe(inside);
    }

    [Theory]
    [InlineData("var x = \"/work/i9/tests/graphql-conformance\";")]
    [InlineData("bash bench/vendor-call-cost.sh 3000 /work/base")]
    [InlineData("Environment.GetEnvironmentVariable(\"RUNSGATEWAY_SHARED\")")]
    [InlineData("src=${GRAPHQL_ORACLES_SRC:-x}")]
    public void OutsideReference_KnownWaysOut_AreFound(string line)
    {
        OutsideReference().IsMatch(line).ShouldBeTrue();
    }

    private const string ThisFile = nameof(RepositoryBoundaryTests) + ".cs";

    private static bool IsInsideRoot(string path) =>
        path == Root || path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> RepositoryTextFiles()
    {
        // .git is git's own pointer (a worktree's points outside by design); this file spells the patterns it looks for.
        foreach (var file in Directory.EnumerateFiles(Root))
        {
            if (Path.GetFileName(file) != ".git" && IsText(file))
            {
                yield return file;
            }
        }

        foreach (var folder in CheckedFolders.Select(f => Path.Combine(Root, f)).Where(Directory.Exists))
        {
            var pending = new Stack<string>([folder]);
            while (pending.TryPop(out var directory))
            {
                foreach (var child in Directory.EnumerateDirectories(directory))
                {
                    // wwwroot/ide holds the IDE's npm-installed build output.
                    if (!SkippedFolders.Contains(Path.GetFileName(child)) && !child.EndsWith(Path.Combine("wwwroot", "ide"), StringComparison.Ordinal))
                    {
                        pending.Push(child);
                    }
                }

                foreach (var file in Directory.EnumerateFiles(directory).Where(f => Path.GetFileName(f) != ThisFile && IsText(f)))
                {
                    yield return file;
                }
            }
        }
    }

    private static bool IsText(string file)
    {
        Span<byte> head = stackalloc byte[4096];
        using var stream = File.OpenRead(file);
        var read = stream.Read(head);
        return !head[..read].Contains((byte)0);
    }

    /// <summary>A relative path that climbs: one or more <c>../</c> (or <c>..\</c>) steps and what follows them.</summary>
    [GeneratedRegex("""(?<![\w.~-])(?:\.\.[/\\])+[^\s"'`)\]>,;*]*""")]
    private static partial Regex RelativePath();

    /// <summary>Any folder beside the repository on this machine (the workspace's folders), and the environment variables that used to lead to them.</summary>
    [GeneratedRegex("""/work/[\w.-]+|RUNSGATEWAY_SHARED|GRAPHQL_ORACLES_SRC""")]
    private static partial Regex OutsideReference();
}

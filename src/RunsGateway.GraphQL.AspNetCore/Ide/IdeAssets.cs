using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;

namespace RunsGateway.GraphQL.AspNetCore.Ide;

/// <summary>
/// Banana Cake Pop's static files, embedded in this assembly by the build from <c>wwwroot/ide/</c>
/// (filled by <c>scripts/npm-setup.sh</c>). Empty when the build had no npm.
/// </summary>
internal sealed class IdeAssets
{
    private const string Prefix = "BananaCakePop/";

    private readonly Assembly _assembly;
    private readonly FrozenDictionary<string, IdeAsset> _assets;

    /// <summary>The assets of this assembly.</summary>
    public static IdeAssets Embedded { get; } = new(typeof(IdeAssets).Assembly);

    internal IdeAssets(Assembly assembly)
    {
        _assembly = assembly;
        var contentTypes = new FileExtensionContentTypeProvider();

        // The module version id is a hash of the assembly's content in deterministic builds, so it changes exactly
        // when the embedded files do; it serves as a validator for all of them.
        var etag = "\"" + assembly.ManifestModule.ModuleVersionId.ToString("N") + "\"";

        var assets = new Dictionary<string, IdeAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = name[Prefix.Length..];
            if (!contentTypes.TryGetContentType(path, out var contentType))
            {
                contentType = "application/octet-stream";
            }
            else if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal))
            {
                contentType += "; charset=utf-8";
            }

            // Hashed bundle names (static/js/main.0349187e.js) never change content; everything else is revalidated.
            var immutable = path.StartsWith("static/", StringComparison.Ordinal);
            assets[path] = new IdeAsset(name, contentType, etag, immutable);
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>True when the IDE was embedded by the build.</summary>
    public bool IsInstalled => _assets.ContainsKey("index.html");

    /// <summary>Looks up an asset by its path relative to the IDE root (for example <c>static/js/main.js</c>).</summary>
    public bool TryGet(string path, out IdeAsset asset) => _assets.TryGetValue(path, out asset!);

    /// <summary>Opens an asset's content.</summary>
    public Stream Open(IdeAsset asset)
        => _assembly.GetManifestResourceStream(asset.ResourceName)
           ?? throw new InvalidOperationException($"The embedded IDE asset '{asset.ResourceName}' is missing.");
}

/// <summary>One embedded IDE file.</summary>
/// <param name="ResourceName">The manifest resource name.</param>
/// <param name="ContentType">The <c>Content-Type</c> to serve it with.</param>
/// <param name="ETag">The entity tag validator.</param>
/// <param name="Immutable">True for content-hashed files that can be cached for a year.</param>
internal sealed record IdeAsset(string ResourceName, string ContentType, string ETag, bool Immutable);

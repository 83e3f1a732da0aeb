using System.Collections.Frozen;
using System.Security.Cryptography;

namespace DurableAgents.Dashboard;

/// <summary>
/// The front end's files, read once from the assembly's embedded resources (no files on disk, nothing from a CDN),
/// each with its content type and a strong ETag so a browser revalidates instead of downloading again.
/// </summary>
internal sealed class DashboardAssets
{
    private const string ResourcePrefix = "DurableAgents.Dashboard.wwwroot.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, DashboardAsset> _assets;

    private DashboardAssets(FrozenDictionary<string, DashboardAsset> assets) => _assets = assets;

    /// <summary>The files embedded in this assembly, by file name (<c>app.js</c>).</summary>
    public static DashboardAssets Embedded { get; } = Load();

    public bool TryGet(string name, out DashboardAsset asset) => _assets.TryGetValue(name, out asset!);

    private static DashboardAssets Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            string name = resource[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out string? contentType))
            {
                continue;
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] content = copy.ToArray();
            string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
            assets[name] = new DashboardAsset(name, contentType, content, etag);
        }

        return new DashboardAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }
}

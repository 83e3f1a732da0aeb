using System.Text;
using System.Text.Json;
using DurableAgents.Workflows.SideEffects;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// Reads the side-effect ledger's JSON Lines file without opening it as a ledger (which may repair the file), so it can
/// be read while a host has it open.
/// </summary>
internal static class LedgerFile
{
    public static IReadOnlyList<LedgerEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        int end = text.LastIndexOf('\n');
        return end < 0
            ? []
            : text[..end].Split('\n')
                .Where(line => !string.IsNullOrWhiteSpace(line))
                .Select(line => JsonSerializer.Deserialize<LedgerEntry>(line, JsonSerializerOptions.Web)!)
                .ToList();
    }
}

using System.Globalization;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>Reads a live process's memory figures from /proc/&lt;pid&gt;/status (Linux).</summary>
internal static class ProcessStatus
{
    /// <summary>Peak resident set size (VmHWM) in bytes, or null when it cannot be read.</summary>
    public static long? PeakResidentBytes(int processId) => ReadKiB(processId, "VmHWM:") * 1024;

    private static long? ReadKiB(int processId, string field)
    {
        string path = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status";
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    string value = line[field.Length..].Trim();
                    int space = value.IndexOf(' ', StringComparison.Ordinal);
                    return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}

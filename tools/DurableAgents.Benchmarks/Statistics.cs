namespace DurableAgents.Benchmarks;

/// <summary>Small helpers shared by workloads: medians and option parsing.</summary>
public static class Statistics
{
    /// <summary>The median of <paramref name="values"/> (mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A median needs at least one value.", nameof(values));
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>True when <paramref name="flag"/> (e.g. "--short") is among <paramref name="args"/>.</summary>
    public static bool HasFlag(string[] args, string flag) => args.Contains(flag, StringComparer.OrdinalIgnoreCase);

    /// <summary>The integer after <paramref name="option"/> (e.g. "--runs 5"), or <paramref name="fallback"/>.</summary>
    public static int IntOption(string[] args, string option, int fallback)
    {
        ArgumentNullException.ThrowIfNull(args);
        int index = Array.FindIndex(args, a => string.Equals(a, option, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture, out int value)
            ? value
            : fallback;
    }
}

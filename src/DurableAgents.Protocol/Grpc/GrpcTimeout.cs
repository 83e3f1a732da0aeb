using System.Globalization;

namespace DurableAgents.Protocol.Grpc;

/// <summary>Reads and writes the <c>grpc-timeout</c> header: up to 8 ASCII digits followed by one unit of H, M, S, m, u, n.</summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    public static bool TryParse(string? text, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(text) || text.Length < 2 || text.Length > 9)
        {
            return false;
        }

        var digits = text.AsSpan(0, text.Length - 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        long? ticks = text[^1] switch
        {
            'H' => value * TimeSpan.TicksPerHour,
            'M' => value * TimeSpan.TicksPerMinute,
            'S' => value * TimeSpan.TicksPerSecond,
            'm' => value * TimeSpan.TicksPerMillisecond,
            'u' => value * (TimeSpan.TicksPerMillisecond / 1000),
            'n' => value / 100,
            _ => null,
        };
        if (ticks is null)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>Formats a positive timeout with the finest unit that fits in 8 digits, rounding up so the server never sees a shorter deadline.</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(timeout.Ticks, 1);
        ReadOnlySpan<(long TicksPerUnit, char Unit)> units =
        [
            (TimeSpan.TicksPerMillisecond / 1000, 'u'),
            (TimeSpan.TicksPerMillisecond, 'm'),
            (TimeSpan.TicksPerSecond, 'S'),
            (TimeSpan.TicksPerMinute, 'M'),
            (TimeSpan.TicksPerHour, 'H'),
        ];
        foreach (var (ticksPerUnit, unit) in units)
        {
            var value = CeilDiv(ticks, ticksPerUnit);
            if (value <= MaxValue)
            {
                return FormatUnit(value, unit);
            }
        }

        return FormatUnit(MaxValue, 'H');
    }

    private static long CeilDiv(long value, long divisor) => (value + divisor - 1) / divisor;

    private static string FormatUnit(long value, char unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{value}{unit}");
}

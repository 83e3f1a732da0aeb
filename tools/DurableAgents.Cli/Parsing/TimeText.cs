using System.Globalization;

namespace DurableAgents.Cli.Parsing;

/// <summary>
/// Reads times given on the command line: ISO 8601 (<c>2024-05-01T12:00:00Z</c>; no offset means UTC), or a
/// duration ago such as <c>30m</c>, <c>2h</c>, <c>7d</c> (a leading '-' is allowed: <c>-2h</c>).
/// </summary>
internal static class TimeText
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset time, out string error)
    {
        error = string.Empty;
        string trimmed = text.Trim();
        if (TryParseAgo(trimmed, out TimeSpan ago))
        {
            time = now - ago;
            return true;
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            return true;
        }

        error = $"'{text}' is not a time. Use ISO 8601 such as 2024-05-01T12:00:00Z, or a duration ago such as 30m, 2h or 7d.";
        return false;
    }

    private static bool TryParseAgo(string text, out TimeSpan ago)
    {
        ago = default;
        string body = text.StartsWith('-') ? text[1..] : text;
        if (body.Length < 2)
        {
            return false;
        }

        if (!double.TryParse(body.AsSpan(0, body.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
        {
            return false;
        }

        TimeSpan? unit = char.ToLowerInvariant(body[^1]) switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        ago = unit.Value * amount;
        return true;
    }
}

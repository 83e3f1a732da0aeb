using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Management.Http;

/// <summary>Reads typed query parameters; a value that cannot be read is a 400 problem naming the parameter.</summary>
internal static class QueryReader
{
    public static string? String(HttpContext http, string name)
    {
        string? value = http.Request.Query[name];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static bool Bool(HttpContext http, string name, bool defaultValue)
    {
        string? value = String(http, name);
        if (value is null)
        {
            return defaultValue;
        }

        return bool.TryParse(value, out bool parsed)
            ? parsed
            : throw Problems.Invalid(name, $"The query parameter '{name}' is '{value}'; use true or false.");
    }

    public static int? Int(HttpContext http, string name, int min, int max)
    {
        string? value = String(http, name);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) && parsed >= min && parsed <= max
            ? parsed
            : throw Problems.Invalid(name, $"The query parameter '{name}' is '{value}'; use a whole number from {min} to {max}.");
    }

    public static DateTimeOffset? Time(HttpContext http, string name)
    {
        string? value = String(http, name);
        if (value is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed)
            ? parsed
            : throw Problems.Invalid(name, $"The query parameter '{name}' is '{value}'; use an ISO 8601 time such as 2024-05-01T12:00:00Z.");
    }

    /// <summary>createdTimeFrom and createdTimeTo, refused when the range is empty (to before from).</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) CreatedTimeRange(HttpContext http)
    {
        DateTimeOffset? from = Time(http, "createdTimeFrom");
        DateTimeOffset? to = Time(http, "createdTimeTo");
        return to < from
            ? throw Problems.Invalid("createdTimeTo",
                $"The query parameter 'createdTimeTo' ({to:O}) must not be before createdTimeFrom ({from:O}); no instance could match.")
            : (from, to);
    }

    /// <summary>
    /// A duration in seconds (fractions allowed) from 0 to <paramref name="maxSeconds"/>, as Durable Functions reads
    /// <c>timeout</c> and <c>pollingInterval</c>.
    /// </summary>
    public static TimeSpan? Seconds(HttpContext http, string name, int maxSeconds)
    {
        string? value = String(http, name);
        if (value is null)
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0 && seconds <= maxSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw Problems.Invalid(name, $"The query parameter '{name}' is '{value}'; use a number of seconds from 0 to {maxSeconds}.");
    }

    /// <summary>A comma-separated list of runtime statuses (names as in GET instances, any case), or null.</summary>
    public static IReadOnlyCollection<OrchestrationStatus>? Statuses(HttpContext http, string name)
    {
        var statuses = new HashSet<OrchestrationStatus>();
        foreach (string? value in http.Request.Query[name])
        {
            foreach (string part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse(part, ignoreCase: true, out OrchestrationStatus status) || !Enum.IsDefined(status) || int.TryParse(part, out _))
                {
                    throw Problems.Invalid(name,
                        $"The query parameter '{name}' holds '{part}', which is not a runtime status. Use a comma-separated list of: {string.Join(", ", Enum.GetNames<OrchestrationStatus>())}.");
                }

                statuses.Add(status);
            }
        }

        return statuses.Count == 0 ? null : statuses;
    }
}

using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Protocol;

/// <summary>
/// Maps between the durabletask protobuf messages and DurableAgents' own records. This is the only place the two
/// meet: everything past the gRPC edge works on records. google.protobuf.StringValue fields are generated as
/// nullable <see cref="string"/> properties (null = unset), so optional strings map without helpers.
/// </summary>
public static partial class ProtoConverter
{
    /// <summary>A UTC <see cref="DateTime"/> as a Timestamp; Local times are converted and Unspecified ones taken as UTC.</summary>
    public static Timestamp ToTimestamp(DateTime value) => Timestamp.FromDateTime(AsUtc(value));

    /// <summary>A nullable time as a Timestamp, null staying null.</summary>
    public static Timestamp? ToTimestamp(DateTime? value) => value is { } time ? ToTimestamp(time) : null;

    /// <summary>A Timestamp as a UTC <see cref="DateTime"/>; an unset one becomes <see cref="DateTime.MinValue"/> (UTC).</summary>
    public static DateTime ToDateTime(Timestamp? value) =>
        value is null ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : value.ToDateTime();

    /// <summary>A Timestamp as a nullable UTC <see cref="DateTime"/>, null staying null.</summary>
    public static DateTime? ToNullableDateTime(Timestamp? value) => value?.ToDateTime();

    /// <summary>Our status as the protocol's status; the numbers are the same.</summary>
    public static P.OrchestrationStatus ToProto(OrchestrationStatus status) => (P.OrchestrationStatus)(int)status;

    /// <summary>The protocol's status as ours; the numbers are the same.</summary>
    public static OrchestrationStatus ToStatus(P.OrchestrationStatus status) => (OrchestrationStatus)(int)status;

    /// <summary>Failure details as the protocol message, including the chain of inner failures and the properties.</summary>
    public static P.TaskFailureDetails ToProto(FailureDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var proto = new P.TaskFailureDetails
        {
            ErrorType = details.ErrorType ?? string.Empty,
            ErrorMessage = details.ErrorMessage ?? string.Empty,
            StackTrace = details.StackTrace,
            InnerFailure = details.InnerFailure is null ? null : ToProto(details.InnerFailure),
            IsNonRetriable = details.IsNonRetriable,
        };
        CopyProperties(details.Properties, proto.Properties);
        return proto;
    }

    /// <summary>The protocol's failure details as ours; an unset message becomes null.</summary>
    public static FailureDetails? ToFailureDetails(P.TaskFailureDetails? details) => details is null
        ? null
        : new FailureDetails(
            details.ErrorType,
            details.ErrorMessage,
            details.StackTrace,
            ToFailureDetails(details.InnerFailure),
            details.IsNonRetriable,
            ToProperties(details.Properties));

    private static FailureDetails RequiredFailureDetails(P.TaskFailureDetails? details, string eventName) =>
        ToFailureDetails(details) ?? new FailureDetails("Unknown", $"The {eventName} event carried no failure details.");

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static void CopyTags(IReadOnlyDictionary<string, string>? tags, MapField<string, string> target)
    {
        if (tags is null)
        {
            return;
        }

        foreach (var (key, value) in tags)
        {
            target[key] = value;
        }
    }

    /// <summary>An empty map means "no tags", so records keep null rather than an empty dictionary.</summary>
    private static Dictionary<string, string>? ToTags(MapField<string, string> tags) =>
        tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);
}

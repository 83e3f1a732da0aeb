namespace DurableAgents.Protocol.Grpc;

/// <summary>Constants of the gRPC-over-HTTP/2 wire format shared by the server and the client.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";

    /// <summary>1 byte compressed flag + 4 byte big-endian length.</summary>
    public const int FrameHeaderSize = 5;

    /// <summary>16 MiB, large enough for big orchestration histories, small enough to stop runaway payloads.</summary>
    public const int DefaultMaxMessageSize = 16 * 1024 * 1024;

    public static bool IsGrpcContentType(string? contentType) =>
        contentType is not null
        && contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)
        && (contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';');

    public static string StatusText(StatusCode code) => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ReceiveLimitMessage(long size, int limit, string optionName) =>
        $"Received message of {size} bytes exceeds the limit of {limit} bytes. Raise {optionName} to accept larger messages.";

    public static string SendLimitMessage(long size, int limit, string optionName) =>
        $"Sending message of {size} bytes exceeds the limit of {limit} bytes. Raise {optionName} to send larger messages.";
}

using System.ComponentModel.DataAnnotations;

namespace DurableAgents.Management;

/// <summary>Settings of the HTTP management API, bound from the configuration section "Management".</summary>
public sealed class ManagementApiOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Management";

    /// <summary>The environment variable read for <see cref="ApiKey"/> when the configuration does not set one.</summary>
    public const string ApiKeyEnvironmentVariable = "DURABLEAGENTS_API_KEY";

    /// <summary>The default <see cref="MaxRequestBodyBytes"/>: 1 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Where the Durable Functions style routes live.</summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]$", ErrorMessage = "Management:BasePath must start with '/', must not end with '/', and may hold only letters, digits and . _ ~ - /.")]
    public string BasePath { get; set; } = "/runtime/webhooks/durabletask";

    /// <summary>Where the human approval routes live.</summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]$", ErrorMessage = "Management:ApprovalsPath must start with '/', must not end with '/', and may hold only letters, digits and . _ ~ - /.")]
    public string ApprovalsPath { get; set; } = "/api/approvals";

    /// <summary>
    /// When set, every management route requires this key in the <c>x-api-key</c> header or as
    /// <c>Authorization: Bearer</c>. Falls back to the environment variable <see cref="ApiKeyEnvironmentVariable"/>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The default <see cref="MaxUrlLength"/>: 8 KiB, Kestrel's default request line.</summary>
    public const int DefaultMaxUrlLength = 8 * 1024;

    /// <summary>
    /// The longest request target (path and query) accepted by <c>UseDurableTaskManagementProblems</c>; longer ones get
    /// a 414 problem. The server's own request-line limit must be larger for the problem to be reachable (the sidecar
    /// sets it so).
    /// </summary>
    [Range(256, 1024 * 1024, ErrorMessage = "Management:MaxUrlLength must be from 256 to 1048576.")]
    public int MaxUrlLength { get; set; } = DefaultMaxUrlLength;

    /// <summary>The largest request body accepted; larger bodies get 413.</summary>
    [Range(1, long.MaxValue - 1, ErrorMessage = "Management:MaxRequestBodyBytes must be at least 1.")]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;
}

using Microsoft.Extensions.Options;

namespace DurableAgents.Worker;

/// <summary>Rejects worker settings that cannot work, with a message that names the setting to fix.</summary>
internal sealed class DurableAgentsWorkerOptionsValidator : IValidateOptions<DurableAgentsWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableAgentsWorkerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Address))
        {
            failures.Add("DurableAgentsWorkerOptions.Address is empty; set the sidecar address, e.g. UseDurableAgents(\"http://127.0.0.1:4001\").");
        }
        else if (!IsValidAddress(options.Address))
        {
            failures.Add($"DurableAgentsWorkerOptions.Address '{options.Address}' is not an http(s)://host:port or host:port address.");
        }

        if (options.ApiKey is not null && string.IsNullOrWhiteSpace(options.ApiKeyHeaderName))
        {
            failures.Add("DurableAgentsWorkerOptions.ApiKeyHeaderName is empty while an ApiKey is set; use a header name such as 'x-api-key'.");
        }

        if (options.MaxConcurrentOrchestrators < 1)
        {
            failures.Add($"DurableAgentsWorkerOptions.MaxConcurrentOrchestrators must be at least 1 (was {options.MaxConcurrentOrchestrators}).");
        }

        if (options.MaxConcurrentActivities < 1)
        {
            failures.Add($"DurableAgentsWorkerOptions.MaxConcurrentActivities must be at least 1 (was {options.MaxConcurrentActivities}).");
        }

        if (options.MaxCachedOrchestrations < 0)
        {
            failures.Add($"DurableAgentsWorkerOptions.MaxCachedOrchestrations must be 0 (no cache) or more (was {options.MaxCachedOrchestrations}).");
        }

        if (options.DataConverter is null)
        {
            failures.Add("DurableAgentsWorkerOptions.DataConverter is null; leave it unset to use the SDK's JsonDataConverter.Default.");
        }

        if (options.ReconnectInitialDelay <= TimeSpan.Zero)
        {
            failures.Add($"DurableAgentsWorkerOptions.ReconnectInitialDelay must be positive (was {options.ReconnectInitialDelay}).");
        }

        if (options.ReconnectMaxDelay < options.ReconnectInitialDelay)
        {
            failures.Add($"DurableAgentsWorkerOptions.ReconnectMaxDelay ({options.ReconnectMaxDelay}) must not be shorter than ReconnectInitialDelay ({options.ReconnectInitialDelay}).");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            failures.Add($"DurableAgentsWorkerOptions.ShutdownTimeout must not be negative (was {options.ShutdownTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidAddress(string address)
    {
        var text = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }
}

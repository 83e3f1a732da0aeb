using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace DurableAgents.Agents;

/// <summary>Builds the retry pipeline model clients wrap each HTTP call in.</summary>
internal static class ModelRetryPipeline
{
    public static ResiliencePipeline Create(ModelRetryOptions options, ILogger logger, string provider, TimeProvider timeProvider)
    {
        if (options.MaxAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ModelProviderException>(e => e.IsRetryable),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,

                // A provider that says how long to wait knows better than our backoff, within MaxDelay.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ModelProviderException { RetryAfter: { } retryAfter }
                        ? (TimeSpan?)(retryAfter < options.MaxDelay ? retryAfter : options.MaxDelay)
                        : null),
                OnRetry = args =>
                {
                    Exception? exception = args.Outcome.Exception;
                    Logs.RetryingModelCall(
                        logger,
                        provider,
                        args.AttemptNumber + 1,
                        options.MaxAttempts,
                        args.RetryDelay.TotalMilliseconds,
                        (exception as ModelProviderException)?.ErrorCode,
                        exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
